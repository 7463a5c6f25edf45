#!/usr/bin/env bash
# A throw-away Redis Cluster for the integration tests; by default 3 masters on 127.0.0.1:7000-7002.
# .ci/redis-cluster-replicas.sh runs this script for the failover cluster (3 masters + 3 replicas on
# 7100-7105, AOF everysec, cluster-node-timeout 2000) through the REDIS_CLUSTER_* variables below.
#
#   .ci/redis-cluster.sh start        # start (or leave alone a cluster that already answers cluster_state:ok)
#   .ci/redis-cluster.sh stop         # stop exactly the servers `start` launched and delete their folder
#   .ci/redis-cluster.sh status
#   .ci/redis-cluster.sh kill PORT    # SIGKILL one server `start` launched (failover tests)
#   .ci/redis-cluster.sh revive PORT  # start that server again on its data (it rejoins, as a replica
#                                     # when another node took over its slots meanwhile)
#
# The servers' folder is a fresh mktemp dir; its path is kept in a fixed state file so that `stop`
# and `kill` signal only the PIDs from that folder's pid files (never by process name: other Redis
# servers on this machine belong to someone else).
set -euo pipefail

read -r -a PORTS <<<"${REDIS_CLUSTER_PORTS:-7000 7001 7002}"
REPLICAS=${REDIS_CLUSTER_REPLICAS:-0}
NODE_TIMEOUT_MS=${REDIS_CLUSTER_NODE_TIMEOUT:-5000}
APPENDONLY=${REDIS_CLUSTER_APPENDONLY:-no}
HOST=127.0.0.1
STATE_DIR=${REDIS_CLUSTER_STATE_DIR:-/tmp/govpass-redis-cluster}
STATE_FILE="$STATE_DIR/data-dir"
READY_TIMEOUT_S=${REDIS_CLUSTER_READY_TIMEOUT_S:-30}

log() { echo "redis-cluster: $*"; }
die() { echo "redis-cluster: $*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found (apt-get install redis-server)"; }

answers_ping() { redis-cli -h "$HOST" -p "$1" ping 2>/dev/null | grep -q PONG; }

cluster_ok_on() { redis-cli -h "$HOST" -p "$1" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }

cluster_ok_everywhere() {
  local port
  for port in "${PORTS[@]}"; do cluster_ok_on "$port" || return 1; done
}

# A PID counts as ours only if it is alive and still a redis-server (PIDs get reused).
is_our_redis() {
  local pid=$1
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q redis-server
}

recorded_dir() { [[ -f "$STATE_FILE" ]] && cat "$STATE_FILE" || true; }

start_server() {
  local dir=$1 port=$2
  redis-server --port "$port" --cluster-enabled yes --cluster-config-file "nodes-$port.conf" \
    --cluster-node-timeout "$NODE_TIMEOUT_MS" --appendonly "$APPENDONLY" --appendfsync everysec \
    --appendfilename "appendonly-$port.aof" --appenddirname "aof-$port" --save "" --daemonize yes --bind "$HOST" \
    --dir "$dir" --pidfile "$dir/$port.pid" --logfile "$dir/$port.log" >/dev/null
}

wait_until() {
  local what=$1; shift
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
  log "$what after $((SECONDS - started_at)) s"
}

all_ping() {
  local port
  for port in "${PORTS[@]}"; do answers_ping "$port" || return 1; done
}

cmd_start() {
  need redis-server
  need redis-cli
  if cluster_ok_everywhere; then
    log "a cluster already answers cluster_state:ok on ${PORTS[*]}; leaving it alone"
    return 0
  fi

  local old_dir
  old_dir=$(recorded_dir)
  if [[ -n "$old_dir" ]]; then
    if any_recorded_alive "$old_dir"; then
      die "servers from $old_dir are running but the cluster is not ok; run '$0 stop' first"
    fi
    log "removing stale state ($old_dir, no server alive)"
    rm -rf -- "$old_dir"
    rm -f -- "$STATE_FILE"
  fi

  local port
  for port in "${PORTS[@]}"; do
    if answers_ping "$port"; then
      die "port $port already answers PING but not as an ok cluster; not touching it"
    fi
  done

  mkdir -p "$STATE_DIR"
  local dir
  dir=$(mktemp -d "$STATE_DIR.XXXXXX")
  echo "$dir" >"$STATE_FILE"

  started_at=$SECONDS
  for port in "${PORTS[@]}"; do start_server "$dir" "$port"; done
  wait_until "servers answer PING" all_ping || die "servers did not answer PING within ${READY_TIMEOUT_S} s (logs in $dir)"

  local seeds=()
  for port in "${PORTS[@]}"; do seeds+=("$HOST:$port"); done
  redis-cli --cluster create "${seeds[@]}" --cluster-replicas "$REPLICAS" --cluster-yes >"$dir/create.log" 2>&1 ||
    { cat "$dir/create.log" >&2; die "redis-cli --cluster create failed"; }

  wait_until "cluster_state:ok on ${PORTS[*]}" cluster_ok_everywhere ||
    die "cluster did not reach cluster_state:ok within ${READY_TIMEOUT_S} s (logs in $dir)"
  log "started; data dir $dir (state in $STATE_FILE)"
}

any_recorded_alive() {
  local dir=$1 port pid
  for port in "${PORTS[@]}"; do
    pid=$(cat "$dir/$port.pid" 2>/dev/null || true)
    if is_our_redis "$pid"; then return 0; fi
  done
  return 1
}

stop_pid() {
  local pid=$1 port=$2 i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    is_our_redis "$pid" || { log "stopped $port (pid $pid)"; return 0; }
    sleep 0.1
  done
  log "pid $pid ($port) ignored SIGTERM for 5 s; sending SIGKILL"
  kill -9 "$pid" 2>/dev/null || true
}

cmd_stop() {
  local dir
  dir=$(recorded_dir)
  if [[ -z "$dir" ]]; then
    log "nothing to stop (no $STATE_FILE; a cluster not started by this script is left alone)"
    return 0
  fi
  local port pid
  for port in "${PORTS[@]}"; do
    pid=$(cat "$dir/$port.pid" 2>/dev/null || true)
    if is_our_redis "$pid"; then stop_pid "$pid" "$port"; else log "$port: no live server from $dir"; fi
  done
  rm -rf -- "$dir"
  rm -f -- "$STATE_FILE"
  rmdir -- "$STATE_DIR" 2>/dev/null || true
  log "removed $dir"
}

cmd_status() {
  local dir
  dir=$(recorded_dir)
  if cluster_ok_everywhere; then log "cluster_state:ok on ${PORTS[*]}"; else log "no ok cluster on ${PORTS[*]}"; fi
  if [[ -n "$dir" ]]; then log "started by this script; data dir $dir"; fi
  cluster_ok_everywhere
}

known_port() {
  local port
  for port in "${PORTS[@]}"; do [[ "$port" == "$1" ]] && return 0; done
  die "port $1 is not one of this cluster's (${PORTS[*]})"
}

cmd_kill() {
  local port=$1 dir pid
  known_port "$port"
  dir=$(recorded_dir)
  [[ -n "$dir" ]] || die "no $STATE_FILE: only a cluster started by this script is touched"
  pid=$(cat "$dir/$port.pid" 2>/dev/null || true)
  is_our_redis "$pid" || die "$port: no live server from $dir"
  kill -9 "$pid"
  log "SIGKILLed $port (pid $pid)"
}

cmd_revive() {
  local port=$1 dir pid
  known_port "$port"
  dir=$(recorded_dir)
  [[ -n "$dir" ]] || die "no $STATE_FILE: only a cluster started by this script is touched"
  pid=$(cat "$dir/$port.pid" 2>/dev/null || true)
  if is_our_redis "$pid"; then log "$port already runs (pid $pid)"; return 0; fi
  answers_ping "$port" && die "port $port answers PING but is not ours; not touching it"
  started_at=$SECONDS
  start_server "$dir" "$port"
  wait_until "$port answers PING" answers_ping "$port" || die "$port did not come back within ${READY_TIMEOUT_S} s (log in $dir/$port.log)"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) cmd_kill "${2:?port}" ;;
  revive) cmd_revive "${2:?port}" ;;
  *) die "usage: $0 start|stop|status|kill PORT|revive PORT" ;;
esac
