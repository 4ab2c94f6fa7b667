variable "vswitch_id" {}
variable "zone_id" {}
variable "size_gb" {}

resource "alicloud_db_instance" "orders" {
  engine               = "MySQL"
  engine_version       = "8.0"
  db_instance_class    = "rds.mysql.s2.large"   # the old name of instance_type
  db_instance_storage  = var.size_gb
  category             = "Basic"
  zone_id              = var.zone_id
  instance_charge_type = "Postpaid"
  vswitch_id           = var.vswitch_id
}

output "instance_class" {
  value = alicloud_db_instance.orders.instance_type
}
