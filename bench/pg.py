"""A throw-away PostgreSQL cluster for the benchmark and the drill, never the machine's shared server.

`initdb` refuses to run as root, so when the benchmark runs as root the cluster belongs to the `postgres`
user (commands go through `runuser`). The drill may stop and start this cluster freely.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))

# Production-like durability (fsync and synchronous commit stay on); memory sized for a 2-core, 24 GB box.
SERVER_SETTINGS = {
    "max_connections": "200",
    "shared_buffers": "1GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "512MB",
    "max_wal_size": "4GB",
    "checkpoint_timeout": "15min",
    "effective_cache_size": "8GB",
    "random_page_cost": "1.1",
    "listen_addresses": "'127.0.0.1'",
    "log_min_messages": "warning",
    "logging_collector": "off",
}


class ThrowAwayPostgres:
    def __init__(self, port: int, *, keep: bool = False):
        self.port = port
        self.keep = keep
        self.root = Path(tempfile.mkdtemp(prefix="marathon-bench-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_postgres = os.geteuid() == 0

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/marathon_bench"

    def _run(self, *args: str, check: bool = True, capture: bool = False) -> subprocess.CompletedProcess:
        command = list(args)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=capture, text=True)

    def create(self) -> None:
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", capture=True,
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n# marathon bench\n")
            conf.write(f"port = {self.port}\n")
            conf.write(f"unix_socket_directories = '{self.root}'\n")
            for name, value in SERVER_SETTINGS.items():
                conf.write(f"{name} = {value}\n")
        self.start()
        self._run(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "marathon_bench",
        )

    def start(self) -> None:
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "start",
            capture=True,
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False, capture=True
        )

    def postmaster_pid(self) -> int | None:
        """The server's process id (first line of postmaster.pid), or None while it is not running."""
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None

    def is_ready(self) -> bool:
        result = subprocess.run(
            [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
        )
        return result.returncode == 0

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.is_ready():
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL on port {self.port} did not start; see {self.log}")
            time.sleep(0.2)

    def psql(self, sql: str) -> str:
        result = self._run(
            str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
            "marathon_bench", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql, capture=True,
        )  # fmt: skip
        return result.stdout.strip()

    def destroy(self) -> None:
        self.stop()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)
