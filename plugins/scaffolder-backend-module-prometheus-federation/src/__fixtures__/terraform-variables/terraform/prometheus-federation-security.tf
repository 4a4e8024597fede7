variable "ops_security_group_id" {
  description = "The ops cluster security group"
  type        = string
}

resource "aws_vpc_security_group_ingress_rule" "ops_to_blue_prometheus" {
  referenced_security_group_id = var.ops_security_group_id
  security_group_id            = module.leaf["blue"].node_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "blue: ops Prometheus federation"

  tags = merge(var.tags, {
    Name    = "ops-to-blue-prometheus"
    Cluster = "blue"
  })
}

resource "aws_vpc_security_group_ingress_rule" "ops_to_green_prometheus" {
  referenced_security_group_id = var.ops_security_group_id
  security_group_id            = module.leaf["green"].node_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "green: ops Prometheus federation"

  tags = merge(var.tags, {
    Name    = "ops-to-green-prometheus"
    Cluster = "green"
  })
}

variable "tags" {
  type    = map(string)
  default = {}
}
