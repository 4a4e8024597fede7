# Prometheus federation, one rule per leaf from a map in a variable.

variable "federated_clusters" {
  description = "Leaf clusters federated by ops, with the leaf's node security group"
  type        = map(object({ node_security_group_id = string }))
  default = {
    blue  = { node_security_group_id = "sg-0b10e000000000001" }
    green = { node_security_group_id = "sg-0a7ee000000000002" }
  }
}

resource "aws_vpc_security_group_ingress_rule" "ops_to_leaf_prometheus" {
  for_each = var.federated_clusters

  security_group_id            = each.value.node_security_group_id
  referenced_security_group_id = "sg-0ops0000000000001"
  from_port                    = 443
  to_port                      = 443
  ip_protocol                  = "tcp"
  description                  = "Prometheus federation: ops -> ${each.key}"
}
