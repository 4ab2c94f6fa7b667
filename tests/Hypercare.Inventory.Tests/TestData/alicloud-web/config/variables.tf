variable "region" {
  default = "cn-hangzhou"
}

variable "env" {
  type = string
}

variable "cidr" {
  default = "10.0.0.0/8"
}

variable "tags" {
  type    = map(string)
  default = { team = "shop" }
}

variable "db_size_gb" {
  default = 50
}

variable "open_ports" {
  type    = list(number)
  default = [80, 443]
}
