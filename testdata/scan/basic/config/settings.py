import os

password = "k9$Lm2!xQw"
api_password = os.environ["API_PASSWORD"]
aws_key = "AKIAZ5GMHYJKLMNQ7XPR"  # vigie:ignore
