# Prometheus federation, written with the provider's recommended rule resources.

resource "aws_vpc_security_group_ingress_rule" "ops_to_blue_prometheus" {
  security_group_id            = module.eks_cluster["blue"].node_security_group_id
  referenced_security_group_id = module.eks_cluster["ops"].cluster_security_group_id
  from_port                    = 443
  to_port                      = 443
  ip_protocol                  = "tcp"
  description                  = "Allow ops Prometheus to federate from blue Prometheus via Ingress LoadBalancer (port 443)"
}

resource "aws_vpc_security_group_ingress_rule" "ops_to_green_prometheus" {
  security_group_id            = module.eks_cluster["green"].node_security_group_id
  referenced_security_group_id = module.eks_cluster["ops"].cluster_security_group_id
  from_port                    = 443
  to_port                      = 443
  ip_protocol                  = "tcp"
  description                  = "Allow ops Prometheus to federate from green Prometheus via Ingress LoadBalancer (port 443)"

  tags = {
    Name = "ops-to-green-prometheus"
  }
}
