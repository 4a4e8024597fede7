# Prometheus federation: one module call per leaf cluster opens tcp 443 from the ops cluster
# to the leaf's nodes (see modules/prometheus-federation-access).

module "eks_cluster_lookup" {
  source = "./modules/eks-lookup"
  names  = ["ops", "blue", "green"]
}

# blue: production, eu-west-1
module "prometheus_federation_blue" {
  source = "./modules/prometheus-federation-access"

  cluster                = "blue"
  ops_security_group_id  = module.eks_cluster_lookup.cluster_security_group_ids["ops"]
  leaf_security_group_id = module.eks_cluster_lookup.node_security_group_ids["blue"]
  port                   = 443

  tags = {
    Team = "platform"
  }
}

# green: production, eu-west-1
module "prometheus_federation_green" {
  source = "./modules/prometheus-federation-access"

  cluster                = "green"
  ops_security_group_id  = module.eks_cluster_lookup.cluster_security_group_ids["ops"]
  leaf_security_group_id = module.eks_cluster_lookup.node_security_group_ids["green"]
  port                   = 443

  tags = {
    Team = "platform"
  }
}

output "federation_modules" {
  value = [module.prometheus_federation_blue, module.prometheus_federation_green]
}
