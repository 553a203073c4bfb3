#!/usr/bin/env bash
# Extra tests that start servers of their own (nginx, ltx-sim), each a function below, run in order:
#   nginx  the transport against nginx (Debian package) started here on a free loopback port
#          with a temporary configuration: static JSON with keep-alive, and chunked JSON;
#          runs the `nginx` test cases of ltx_asio_tests (g++ Release build, built if missing).
#   attack ltx-sim (g++ Release build, built if missing) under attack: idle connections,
#          slowloris, oversized and dribbled bodies, garbage and header floods, while a normal
#          client's requests must still succeed (tests/e2e/attack.py).
#   dns    the fault matrix's DNS failure row: ltx_asio_tests in a network namespace of its
#          own (`unshare -rn`), where the resolver's query cannot leave the machine.
#
#   bash scripts/extra-tests.sh             every step
#   bash scripts/extra-tests.sh nginx       only the named steps
# Other tasks may add steps: keep each a function and add it to `steps`.
set -euo pipefail

root="${LTX_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
jobs="${LTX_JOBS:-2}"
build_dir="${LTX_BUILD_DIR:-$root/build/gcc}"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ensure_ltx_asio_tests() { # up to date: a no-op after test.sh's gcc step
    if [ ! -f "$build_dir/build.ninja" ]; then
        cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=g++ \
            -DCMAKE_BUILD_TYPE=Release -DLTX_WARNINGS_AS_ERRORS=ON
    fi
    cmake --build "$build_dir" -j "$jobs" --target ltx_asio_tests
}

step_nginx() {
    if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
        echo "nginx is not installed (scripts/setup.sh installs it)" >&2
        return 1
    fi
    local nginx port dir pid
    nginx="$(command -v nginx || echo /usr/sbin/nginx)"
    ensure_ltx_asio_tests
    port="$(free_port)"
    dir="$(mktemp -d)"
    mkdir -p "$dir/www" "$dir/tmp"
    printf '{"jobId":"job-1","status":{"type":"active","progress":40}}' >"$dir/www/job.json"
    cp "$dir/www/job.json" "$dir/www/chunked.json"
    chmod 755 "$dir" "$dir/www" # nginx's workers run as an unprivileged user
    chmod 644 "$dir/www/"*.json
    cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    types { application/json json; }
    keepalive_timeout 60s;
    keepalive_requests 1000;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        # Rewriting the body drops its length: nginx then answers with chunked coding.
        location = /chunked.json {
            sub_filter_types application/json;
            sub_filter 'active' 'completed';
        }
    }
}
CONF
    "$nginx" -c "$dir/nginx.conf" -p "$dir" &
    pid=$!
    # shellcheck disable=SC2064 # expand now: the trap must stop this nginx, not a later one
    trap "kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf '$dir'" RETURN
    local i
    for i in $(seq 1 100); do
        if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.1)" \
            2>/dev/null; then
            break
        fi
        sleep 0.05
    done
    echo "-- nginx on 127.0.0.1:$port (pid $pid)"
    LTX_NGINX_PORT="$port" "$build_dir/tests/ltx_asio_tests" --test-case='*nginx*'
}

step_attack() {
    if [ ! -f "$build_dir/build.ninja" ]; then
        cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=g++ \
            -DCMAKE_BUILD_TYPE=Release -DLTX_WARNINGS_AS_ERRORS=ON
    fi
    cmake --build "$build_dir" -j "$jobs" --target ltx-sim
    python3 "$root/tests/e2e/attack.py" "$build_dir/tools/ltx-sim/ltx-sim"
}

step_dns() {
    if ! unshare -rn true 2>/dev/null; then
        echo "-- dns: SKIPPED: this machine does not allow a network namespace (unshare -rn)"
        return 0
    fi
    ensure_ltx_asio_tests
    local out
    out="$(unshare -rn "$build_dir/tests/ltx_asio_tests" \
        --test-case='fault matrix: a host name that does not resolve*' 2>&1)" ||
        { echo "$out"; return 1; }
    echo "$out"
    # It must have run there, not been skipped.
    grep -Eq 'test cases: *1 \| *1 passed \| *0 failed' <<<"$out" ||
        { echo "the DNS row did not run in the isolated namespace" >&2; return 1; }
}

steps=("$@")
if [ "${#steps[@]}" -eq 0 ]; then
    steps=(nginx attack dns)
fi
for s in "${steps[@]}"; do
    echo "== extra-tests: $s"
    "step_$s"
done
