# Payment tests: the provider's documented test card, and a card copied from
# a production log by mistake.
TEST_CARD = "4242 4242 4242 4242"
LEAKED_CARD = "4532-0151-1283-0366"
NOT_A_CARD = "4532-0151-1283-0367"  # wrong Luhn digit
ORDER_TIMESTAMP_MS = 1700000000123
