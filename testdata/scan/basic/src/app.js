const region = "eu-west-3";
// vigie:ignore[secret/aws-access-key-id]
const accessKey = "ASIAQWERTY234567ABCD";
const other = "AKIAQWERTY234567ABCD"; // vigie:ignore[secret/private-key]
module.exports = { region, accessKey, other };
