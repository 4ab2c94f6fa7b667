resource "alicloud_db_instance" "orders" {
  engine                   = "MySQL"
  engine_version           = "8.0"
  instance_type            = "mysql.n2.large.1"
  instance_storage         = 200
  category                 = "Basic"
  instance_charge_type     = "Postpaid"
  zone_id                  = var.zones[0]
  vswitch_id               = alicloud_vswitch.data.id
  instance_name            = "${local.name}-orders"
  security_ips             = [var.vpc_cidr]
  storage_auto_scale       = "Disable"
  tags                     = local.tags
}

resource "alicloud_db_backup_policy" "orders" {
  instance_id               = alicloud_db_instance.orders.id
  preferred_backup_period   = ["Monday", "Thursday"]
  preferred_backup_time     = "02:00Z-03:00Z"
  backup_retention_period   = 7
  enable_backup_log         = true
}

resource "alicloud_kvstore_instance" "sessions" {
  db_instance_name = "${local.name}-sessions"
  instance_class   = "redis.master.small.default"
  instance_type    = "Redis"
  engine_version   = "7.0"
  zone_id          = var.zones[0]
  vswitch_id       = alicloud_vswitch.data.id
  payment_type     = "PostPaid"
  security_ips     = [var.vpc_cidr]
  tags             = local.tags
}
