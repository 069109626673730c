terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region     = "eu-west-3"
  access_key = "AKIAQWERTY234567ABCD"
  secret_key = "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"
}

variable "db_password" {
  type      = string
  sensitive = true
}
