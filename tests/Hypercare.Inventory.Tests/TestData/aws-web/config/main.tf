terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "azs" {
  default = ["eu-west-1a", "eu-west-1b"]
}

locals {
  common_tags = { Project = "shop", Environment = "prod" }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  tags                 = merge(local.common_tags, { Name = "shop-prod" })
}

resource "aws_subnet" "public" {
  for_each                = toset(var.azs)
  vpc_id                  = aws_vpc.main.id
  availability_zone       = each.value
  cidr_block              = cidrsubnet(aws_vpc.main.cidr_block, 8, index(var.azs, each.value))
  map_public_ip_on_launch = true
  tags                    = merge(local.common_tags, { Name = "public-${each.value}" })
}

resource "aws_security_group" "web" {
  name   = "shop-web"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_lb" "web" {
  name               = "shop-web"
  load_balancer_type = "application"
  internal           = false
  subnets            = [for s in aws_subnet.public : s.id]
  security_groups    = [aws_security_group.web.id]
}

resource "aws_autoscaling_group" "web" {
  name                = "shop-web"
  min_size            = 2
  max_size            = 6
  desired_capacity    = 2
  vpc_zone_identifier = [aws_subnet.public["eu-west-1a"].id]
  health_check_type   = "EC2"

  launch_template {
    id      = "lt-0a1b2c3d4e5f67890"
    version = "$Latest"
  }
}

resource "aws_db_instance" "orders" {
  identifier              = "shop-orders"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.t3.medium"
  allocated_storage       = 100
  multi_az                = false
  backup_retention_period = 1
  skip_final_snapshot     = true
}
