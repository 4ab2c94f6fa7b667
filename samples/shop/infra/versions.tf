terraform {
  required_version = ">= 1.5"
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = "~> 1.230"
    }
  }
  # State lives in OSS; the team shares it through the bucket below.
  backend "oss" {
    bucket = "sample-shop-tfstate"
    prefix = "prod"
    region = "cn-hangzhou"
  }
}

provider "alicloud" {
  region = var.region
}
