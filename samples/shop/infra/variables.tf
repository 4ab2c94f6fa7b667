variable "region" {
  type    = string
  default = "cn-hangzhou"
}

variable "env" {
  type    = string
  default = "prod"
}

variable "vpc_cidr" {
  type    = string
  default = "172.16.0.0/12"
}

variable "zones" {
  description = "Zones for the web tier; the database and cache use the first."
  type        = list(string)
  default     = ["cn-hangzhou-h", "cn-hangzhou-i"]
}

variable "web_instance_type" {
  type    = string
  default = "ecs.t6-c1m2.large"
}

variable "web_min" {
  type    = number
  default = 4
}

variable "web_max" {
  type    = number
  default = 16
}

variable "office_cidr" {
  description = "Where the team connects from."
  type        = string
  default     = "0.0.0.0/0"
}

variable "tags" {
  type = map(string)
  default = {
    project = "sample-shop"
    owner   = "platform-team"
  }
}
