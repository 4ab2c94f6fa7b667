output "slb_address" {
  value = alicloud_slb_load_balancer.web.address
}

output "web_capacity" {
  description = "Instances the web tier can reach."
  value       = "${var.web_min}..${var.web_max} x ${var.web_instance_type}"
}
