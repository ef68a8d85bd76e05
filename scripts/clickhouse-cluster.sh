#!/usr/bin/env bash
# A throw-away local ClickHouse cluster of two shards, for the tests, the benchmark and anyone who wants
# to try Polku's ClickHouse backend on one machine:
#
#   scripts/clickhouse-cluster.sh start DIR   # prints the cluster's HTTP URL (shard 1's) on stdout
#   scripts/clickhouse-cluster.sh stop DIR    # stops both servers; exits 0 when nothing runs
#
# For fault tests: `stop DIR N` stops shard N only, and `resume DIR [N]` starts shard N (or every
# stopped shard) again on its old ports, with its data.
#
# Two Debian `clickhouse-server` processes (18.16 or newer; `apt-get install -y clickhouse-server`),
# each with its own folder DIR/shard-N (config, data, logs, pid, url), on free loopback ports. Both
# configs name the same cluster `polku` with both shards, so the Distributed table can be created on
# either; Polku's schema puts it on shard 1, whose URL is printed. DIR/shard-N/url holds each shard's
# HTTP URL, for tests that look at one shard or stop it. The servers keep running after this script
# exits (each in a session of its own) until `stop`.
set -euo pipefail

SERVER=${CLICKHOUSE_SERVER:-/usr/sbin/clickhouse-server}
CLUSTER=polku
SHARDS=(1 2)

usage() {
  echo "usage: $0 start DIR | stop DIR [SHARD] | resume DIR [SHARD]" >&2
  exit 2
}

[ $# -eq 2 ] || [ $# -eq 3 ] || usage
command=$1
dir=$2
only=${3:-}
if [ -n "$only" ]; then
  [[ " ${SHARDS[*]} " == *" $only "* ]] || { echo "no shard $only: the cluster has shards ${SHARDS[*]}" >&2; exit 2; }
  SHARDS=("$only")
fi

# True while the process runs. A server that has exited but is not yet reaped (a zombie: its parent, this
# script, is gone, and some init processes reap late) counts as stopped.
alive() {
  local pid=$1 state
  kill -0 "$pid" 2>/dev/null || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# A loopback port nothing listens on now. The server may still lose a race for it with another process;
# start() then sees the server exit and tries again with new ports.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# The one place that knows the server's XML. 18.16 reads the <yandex> root element; current servers
# accept it too. Only loopback, only the `default` user without a password.
write_config() {
  local folder=$1 http_port=$2 tcp_port=$3 shard=$4 remote_servers=$5
  cat >"$folder/config.xml" <<XML
<yandex>
  <logger><level>warning</level><log>$folder/log/server.log</log><errorlog>$folder/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$folder/data/</path>
  <tmp_path>$folder/tmp/</tmp_path>
  <user_files_path>$folder/user_files/</user_files_path>
  <format_schema_path>$folder/format_schemas/</format_schema_path>
  <users_config>$folder/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <macros><shard>$shard</shard></macros>
  <remote_servers>
$remote_servers
  </remote_servers>
</yandex>
XML
  cat >"$folder/users.xml" <<XML
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
}

# True when the server at http://127.0.0.1:PORT/ answers GET /ping with "Ok." (bash's /dev/tcp: no curl
# needed on a bare machine).
ping_http() {
  local port=${1#http://127.0.0.1:} answer
  port=${port%/}
  answer=$(
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 1
    printf 'GET /ping HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    timeout 1 cat <&3
  ) 2>/dev/null || return 1
  [[ $answer == *"Ok."* ]]
}

# Waits until the server answers /ping; fails when it exits first (a port lost in a race) or after 30 s.
wait_for_ping() {
  local url=$1 pid=$2
  for _ in $(seq 1 300); do
    if ! alive "$pid"; then return 1; fi
    if ping_http "$url"; then return 0; fi
    sleep 0.1
  done
  echo "clickhouse-server (pid $pid) did not answer ${url}ping within 30 s; see its log in $dir" >&2
  return 2
}

# Sends SIGTERM to every shard first and then waits, so that the servers shut down side by side.
stop_all() {
  local pids=() folder pid
  for shard in "${SHARDS[@]}"; do
    folder="$dir/shard-$shard"
    [ -f "$folder/pid" ] || continue
    pid=$(cat "$folder/pid")
    if alive "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  # A server waits at shutdown for idle keep-alive connections (a test's fetch, shard 1's pool to
  # shard 2) for seconds; a throw-away cluster is not worth that wait: after 1.5 s it is killed. Its
  # inserted parts are on disk already, so `resume` finds them.
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 30); do
      alive "$pid" || break
      sleep 0.05
    done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do
      alive "$pid" || break
      sleep 0.05
    done
  done
  for shard in "${SHARDS[@]}"; do rm -f "$dir/shard-$shard/pid"; done
}

# setsid: the server outlives this script and the caller's process group (a test runner's Ctrl-C
# reaches it only through `stop`).
launch() {
  local folder=$1
  setsid "$SERVER" --config-file="$folder/config.xml" >>"$folder/log/stdout.log" 2>&1 </dev/null &
  echo $! >"$folder/pid"
}

start() {
  [ -z "$only" ] || usage
  if [ ! -x "$SERVER" ]; then
    echo "$SERVER is missing: install Debian's package with \"apt-get install -y clickhouse-server\"" >&2
    exit 1
  fi
  for shard in "${SHARDS[@]}"; do
    if [ -f "$dir/shard-$shard/pid" ] && alive "$(cat "$dir/shard-$shard/pid")"; then
      echo "a cluster already runs in $dir: stop it first with \"$0 stop $dir\"" >&2
      exit 1
    fi
  done
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  for attempt in 1 2 3 4 5; do
    local -A http tcp
    local remote_servers="    <$CLUSTER>"
    for shard in "${SHARDS[@]}"; do
      http[$shard]=$(free_port)
      tcp[$shard]=$(free_port)
      remote_servers+="
      <shard><replica><host>127.0.0.1</host><port>${tcp[$shard]}</port></replica></shard>"
    done
    remote_servers+="
    </$CLUSTER>"

    local ok=1
    for shard in "${SHARDS[@]}"; do
      local folder="$dir/shard-$shard"
      mkdir -p "$folder"/{data,tmp,log,user_files,format_schemas}
      write_config "$folder" "${http[$shard]}" "${tcp[$shard]}" "$shard" "$remote_servers"
      launch "$folder"
      echo "http://127.0.0.1:${http[$shard]}/" >"$folder/url"
    done
    for shard in "${SHARDS[@]}"; do
      local folder="$dir/shard-$shard" status=0
      wait_for_ping "$(cat "$folder/url")" "$(cat "$folder/pid")" || status=$?
      if [ "$status" -eq 2 ]; then
        stop_all
        exit 1
      fi
      [ "$status" -eq 0 ] || ok=0
    done
    if [ "$ok" -eq 1 ]; then
      cat "$dir/shard-1/url"
      return 0
    fi
    stop_all
    echo "a clickhouse-server exited at start (attempt $attempt; a port taken meanwhile?), trying other ports" >&2
  done
  echo "could not start the cluster in $dir; see the logs in $dir/shard-*/log" >&2
  exit 1
}

stop() {
  [ -d "$dir" ] || return 0
  stop_all
}

resume() {
  for shard in "${SHARDS[@]}"; do
    local folder="$dir/shard-$shard"
    if [ ! -f "$folder/config.xml" ]; then
      echo "no cluster in $dir: start one with \"$0 start $dir\"" >&2
      exit 1
    fi
    if [ -f "$folder/pid" ] && alive "$(cat "$folder/pid")"; then continue; fi
    launch "$folder"
    if ! wait_for_ping "$(cat "$folder/url")" "$(cat "$folder/pid")"; then
      echo "shard $shard did not come back on $(cat "$folder/url"); see $folder/log" >&2
      exit 1
    fi
  done
}

case "$command" in
  start) start ;;
  stop) stop ;;
  resume) resume ;;
  *) usage ;;
esac
