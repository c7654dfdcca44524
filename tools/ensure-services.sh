#!/usr/bin/env bash
# Install (if absent) and start (if down) RabbitMQ, MariaDB and PostgreSQL on 127.0.0.1.
set -uo pipefail
apt_updated=
need_pkg() {  # need_pkg <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {  # wait_port <port> <name>
    for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done
    echo "ensure-services: $2 did not come up on 127.0.0.1:$1" >&2
    return 1
}
rc=0
if ! port_open 5672; then
    need_pkg rabbitmq-server rabbitmq-server
    rabbitmq-server -detached >/dev/null 2>&1
    wait_port 5672 RabbitMQ || rc=1
fi
if ! port_open 3306; then
    need_pkg mariadbd mariadb-server
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    wait_port 3306 MariaDB || rc=1
fi
if ! port_open 5432; then
    need_pkg pg_ctlcluster postgresql
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    wait_port 5432 PostgreSQL || rc=1
fi
exit $rc
