env        = "prod"
cidr       = "172.16.0.0/12"
db_size_gb = 100
