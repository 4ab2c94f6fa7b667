resource "alicloud_slb_load_balancer" "web" {
  load_balancer_name   = "${local.name}-web"
  address_type         = "internet"
  load_balancer_spec   = "slb.s1.small"
  internet_charge_type = "PayByTraffic"
  master_zone_id       = var.zones[0]
  slave_zone_id        = var.zones[1]
  tags                 = local.tags
}

resource "alicloud_slb_listener" "http" {
  load_balancer_id          = alicloud_slb_load_balancer.web.id
  frontend_port             = 80
  backend_port              = 8080
  protocol                  = "http"
  bandwidth                 = -1
  health_check              = "off"
  sticky_session            = "off"
  request_timeout           = 60
  idle_timeout              = 30
}

resource "alicloud_ess_scaling_group" "web" {
  scaling_group_name = "${local.name}-web"
  min_size           = var.web_min
  max_size           = var.web_max
  # Only the first vswitch: the second zone was added to the load balancer but never to the group.
  vswitch_ids      = [alicloud_vswitch.web[0].id]
  loadbalancer_ids = [alicloud_slb_load_balancer.web.id]
  removal_policies = ["OldestInstance", "NewestInstance"]
  default_cooldown = 300
}

resource "alicloud_ess_scaling_configuration" "web" {
  scaling_group_id  = alicloud_ess_scaling_group.web.id
  image_id          = "aliyun_3_x64_20G_alibase_20240819.vhd"
  instance_type     = var.web_instance_type
  security_group_id = alicloud_security_group.web.id
  force_delete      = true
  active            = true
  system_disk_category = "cloud_essd"
  tags              = local.tags
}

resource "alicloud_ess_scaling_rule" "scale_out" {
  scaling_group_id = alicloud_ess_scaling_group.web.id
  adjustment_type  = "QuantityChangeInCapacity"
  adjustment_value = 2
  cooldown         = 180
}

# The bastion was bought for a year and nobody turned on auto-renew.
resource "alicloud_instance" "bastion" {
  instance_name        = "${local.name}-bastion"
  instance_type        = "ecs.g7.large"
  image_id             = "aliyun_3_x64_20G_alibase_20240819.vhd"
  vswitch_id           = alicloud_vswitch.web[0].id
  security_groups      = [alicloud_security_group.web.id]
  instance_charge_type = "PrePaid"
  period               = 12
  period_unit          = "Month"
  renewal_status       = "Normal"
  internet_max_bandwidth_out = 5
  tags                 = local.tags
}
