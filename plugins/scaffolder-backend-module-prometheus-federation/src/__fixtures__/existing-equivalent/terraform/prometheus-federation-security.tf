# Security group rules for Prometheus federation
# Allow the ops cluster to reach the blue/green Prometheus Ingress (NLB -> nodes, port 443).

locals {
  ops_cluster_sg_id = module.eks_cluster["ops"].cluster_security_group_id
}

resource "aws_security_group_rule" "ops_to_blue_prometheus" {
  type                     = "ingress"
  from_port                = 443
  to_port                  = 443
  protocol                 = "tcp"
  source_security_group_id = local.ops_cluster_sg_id
  security_group_id        = module.eks_cluster["blue"].node_security_group_id
  description              = "Allow ops Prometheus to federate from blue Prometheus via Ingress LoadBalancer (port 443)"
}

resource "aws_security_group_rule" "ops_to_green_prometheus" {
  type                     = "ingress"
  from_port                = 443
  to_port                  = 443
  protocol                 = "tcp"
  source_security_group_id = local.ops_cluster_sg_id
  security_group_id        = module.eks_cluster["green"].node_security_group_id
  description              = "Allow ops Prometheus to federate from green Prometheus via Ingress LoadBalancer (port 443)"
}

# purple, added by hand before the portal existed
resource "aws_security_group_rule" "purple_federation" {
  type                     = "ingress"
  from_port                = "443"
  to_port                  = "443"
  protocol                 = "tcp"
  source_security_group_id = "${module.eks_cluster["ops"].cluster_security_group_id}"
  security_group_id        = module.eks_cluster["purple"].node_security_group_id
}
