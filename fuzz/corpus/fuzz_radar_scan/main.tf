terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "google" {}

resource "aws_s3_bucket" "b" {
  bucket = "x"
}
