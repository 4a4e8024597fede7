# Prometheus federation: the ops cluster reaches each leaf's Prometheus Ingress on tcp 443.
# Add a leaf to federated_clusters; one rule per cluster follows.

locals {
  ops_cluster_sg_id = module.eks_cluster["ops"].cluster_security_group_id

  # Leaves whose Prometheus the ops cluster federates.
  federated_clusters = [
    "blue",
    "green",
  ]

  common_tags = {
    Team = "platform"
  }
}

resource "aws_security_group_rule" "ops_to_leaf_prometheus" {
  for_each = toset(local.federated_clusters)

  type                     = "ingress"
  from_port                = 443
  to_port                  = 443
  protocol                 = "tcp"
  source_security_group_id = local.ops_cluster_sg_id
  security_group_id        = module.eks_cluster[each.key].node_security_group_id
  description              = "Prometheus federation: ops -> ${each.key} (tcp 443)"
}

# Not federation: SSH from the bastion.
resource "aws_security_group_rule" "bastion_ssh" {
  type                     = "ingress"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  source_security_group_id = "sg-0bastion000000001"
  security_group_id        = module.eks_cluster["ops"].node_security_group_id
}
