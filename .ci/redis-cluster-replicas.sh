#!/usr/bin/env bash
# The failover tests' Redis Cluster in the production shape: 3 masters + 3 replicas on
# 127.0.0.1:7100-7105, AOF everysec, cluster-node-timeout 2000 (a master's death is noticed and a
# replica promoted within ≈ 3 s). Same commands and safety as .ci/redis-cluster.sh (pid files,
# never by process name), whose code it runs with these settings:
#
#   .ci/redis-cluster-replicas.sh start|stop|status|kill PORT|revive PORT
set -euo pipefail
export REDIS_CLUSTER_PORTS="7100 7101 7102 7103 7104 7105"
export REDIS_CLUSTER_REPLICAS=1
export REDIS_CLUSTER_NODE_TIMEOUT=2000
export REDIS_CLUSTER_APPENDONLY=yes
export REDIS_CLUSTER_STATE_DIR=/tmp/govpass-redis-cluster-replicas
exec bash "$(dirname "$0")/redis-cluster.sh" "$@"
