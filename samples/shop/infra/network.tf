locals {
  name = "shop-${var.env}"
  tags = merge(var.tags, { env = var.env })
}

resource "alicloud_vpc" "main" {
  vpc_name   = local.name
  cidr_block = var.vpc_cidr
  tags       = local.tags
}

resource "alicloud_vswitch" "web" {
  count        = length(var.zones)
  vpc_id       = alicloud_vpc.main.id
  zone_id      = var.zones[count.index]
  cidr_block   = cidrsubnet(var.vpc_cidr, 12, count.index)
  vswitch_name = "${local.name}-web-${count.index}"
  tags         = local.tags
}

resource "alicloud_vswitch" "data" {
  vpc_id       = alicloud_vpc.main.id
  zone_id      = var.zones[0]
  cidr_block   = cidrsubnet(var.vpc_cidr, 12, 10)
  vswitch_name = "${local.name}-data"
  tags         = local.tags
}

resource "alicloud_nat_gateway" "main" {
  vpc_id           = alicloud_vpc.main.id
  vswitch_id       = alicloud_vswitch.web[0].id
  nat_gateway_name = "${local.name}-nat"
  nat_type         = "Enhanced"
  payment_type     = "PayAsYouGo"
}

resource "alicloud_eip_address" "nat" {
  address_name         = "${local.name}-nat"
  bandwidth            = "10"
  internet_charge_type = "PayByBandwidth"
  payment_type         = "PayAsYouGo"
}

resource "alicloud_eip_association" "nat" {
  allocation_id = alicloud_eip_address.nat.id
  instance_id   = alicloud_nat_gateway.main.id
}

resource "alicloud_security_group" "web" {
  security_group_name = "${local.name}-web"
  vpc_id              = alicloud_vpc.main.id
}

# HTTP from the load balancer's network, SSH from the office (which is everywhere: the default was never narrowed).
resource "alicloud_security_group_rule" "web_http" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "8080/8080"
  cidr_ip           = var.vpc_cidr
  security_group_id = alicloud_security_group.web.id
  nic_type          = "intranet"
  policy            = "accept"
  priority          = 1
}

resource "alicloud_security_group_rule" "web_ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = var.office_cidr
  security_group_id = alicloud_security_group.web.id
  nic_type          = "intranet"
  policy            = "accept"
  priority          = 1
}

resource "alicloud_security_group" "data" {
  security_group_name = "${local.name}-data"
  vpc_id              = alicloud_vpc.main.id
}

# Opened during an incident last year "for a minute".
resource "alicloud_security_group_rule" "data_debug" {
  type              = "ingress"
  ip_protocol       = "all"
  port_range        = "-1/-1"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.data.id
  nic_type          = "intranet"
  policy            = "accept"
  priority          = 100
}
