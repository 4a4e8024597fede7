# Federation: the ops cluster scrapes each leaf's Prometheus through its load balancer.

locals {
  ops_cluster_sg_id = module.eks_cluster["ops"].cluster_security_group_id
  common_tags = {
    Team = "platform"
  }
}

resource "aws_security_group_rule" "ops_to_blue_prometheus" {
  security_group_id        = module.eks_cluster["blue"].node_security_group_id
  source_security_group_id = local.ops_cluster_sg_id
  type                     = "ingress"
  protocol                 = "tcp"
  from_port                = 443
  to_port                  = 443
  description              = "Prometheus federation: ops -> blue (tcp 443)"
}

resource "aws_security_group_rule" "ops_to_green_prometheus" {
  security_group_id        = module.eks_cluster["green"].node_security_group_id
  source_security_group_id = local.ops_cluster_sg_id
  type                     = "ingress"
  protocol                 = "tcp"
  from_port                = 443
  to_port                  = 443
  description              = "Prometheus federation: ops -> green (tcp 443)"
}

output "federation_rule_ids" {
  value = [aws_security_group_rule.ops_to_blue_prometheus.id]
}
