# The sample stack: a VPC, a vswitch per zone, and the orders database in a local module.
terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud", version = "~> 1.230" }
  }
}

provider "alicloud" {
  region = var.region
}

data "alicloud_zones" "available" {
  available_resource_creation = "VSwitch"
}

locals {
  name  = "shop-${var.env}"
  tags  = merge(var.tags, { env = var.env })
  zones = ["cn-hangzhou-h", "cn-hangzhou-i"]
}

resource "alicloud_vpc" "main" {
  vpc_name   = local.name
  cidr_block = var.cidr
  tags       = { env = var.env }
}

resource "alicloud_vswitch" "web" {
  count        = length(local.zones)
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = cidrsubnet(alicloud_vpc.main.cidr_block, 12, count.index)
  zone_id      = element(local.zones, count.index)
  vswitch_name = format("%s-web-%d", local.name, count.index)
}

module "db" {
  source     = "./modules/db"
  vswitch_id = alicloud_vswitch.web[0].id
  zone_id    = alicloud_vswitch.web[0].zone_id
  size_gb    = var.db_size_gb
}

resource "alicloud_security_group" "web" {
  name   = "${local.name}-web"
  vpc_id = alicloud_vpc.main.id

  dynamic "rule" {
    for_each = var.open_ports
    content {
      port_range = "${rule.value}/${rule.value}"
      cidr_ip    = "0.0.0.0/0"
    }
  }
}

output "db_class" {
  value = module.db.instance_class
}
