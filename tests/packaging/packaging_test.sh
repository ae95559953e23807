#!/usr/bin/env bash
# ctest `packaging`: builds the Debian packages with CPack, checks their files, permissions,
# conffiles, maintainer scripts and dependencies, runs the unpacked programs from a throwaway
# root, verifies the systemd units, and proxies the public pages and the event stream through
# the sample nginx site on loopback with a self-signed certificate.
# Usage: packaging_test.sh <build dir> <source dir>
set -u  # no pipefail: `grep -q` at the end of a pipe may end it early on purpose

BUILD=$1
SRC=$2
WORK=$(mktemp -d /tmp/antre-packaging.XXXXXX)
FAILS=0
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; FAILS=$((FAILS + 1)); }
check() {  # check "what" command...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}
need() { command -v "$1" >/dev/null || { echo "FAIL missing tool $1 (scripts/install-deps --tests)"; exit 1; }; }
for t in cpack dpkg-deb dpkg-shlibdeps systemd-analyze nginx openssl curl; do need "$t"; done

# ---------------------------------------------------------------------------------------
echo "# cpack"
if ! cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/pkg" >"$WORK/cpack.log" 2>&1; then
  cat "$WORK/cpack.log"; echo "FAIL cpack"; exit 1
fi
VERSION=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")/\1/p' "$BUILD/CPackConfig.cmake")
ARCH=$(dpkg --print-architecture)
declare -A DEB=(
  [data]="$WORK/pkg/antre-data_${VERSION}-1_all.deb"
  [server]="$WORK/pkg/antre-server_${VERSION}-1_${ARCH}.deb"
  [kiosk]="$WORK/pkg/antre-kiosk_${VERSION}-1_${ARCH}.deb"
  [display]="$WORK/pkg/antre-display_${VERSION}-1_${ARCH}.deb"
)
for c in data server kiosk display; do
  [[ -f ${DEB[$c]} ]] || { echo "FAIL no package ${DEB[$c]}"; ls "$WORK/pkg"; exit 1; }
done
pass "four packages built (version $VERSION)"

# ---------------------------------------------------------------------------------------
echo "# control fields"
field() { dpkg-deb -f "${DEB[$1]}" "$2"; }
has_dep() {  # has_dep component regex: one Depends entry matches
  field "$1" Depends | tr ',' '\n' | sed 's/^ *//' | grep -Eq "^($2)( |$)"
}
[[ $(field data Architecture) == all ]] && pass "antre-data is Architecture: all" || fail "antre-data architecture"
for c in server kiosk display; do
  [[ $(field $c Package) == antre-$c ]] && pass "package name antre-$c" || fail "package name antre-$c"
  [[ $(field $c Architecture) == "$ARCH" ]] || fail "antre-$c architecture"
  field $c Depends | grep -Fq "antre-data (= ${VERSION}-1)" && pass "antre-$c depends on the same antre-data" \
    || fail "antre-$c depends on antre-data (= ${VERSION}-1)"
  for d in adduser libc6 'libstdc\+\+6' libcjson1; do
    has_dep $c "$d" && pass "antre-$c depends on $d" || fail "antre-$c depends on $d: $(field $c Depends)"
  done
done
for d in libsqlite3-0 libssl3 libcurl4 zlib1g; do
  has_dep server "$d" && pass "antre-server depends on $d" || fail "antre-server depends on $d"
done
# The server's HTTP is Boost.Beast (header-only), no longer cpp-httplib.
has_dep server 'libcpp-httplib.*' && fail "antre-server must not depend on cpp-httplib" \
  || pass "antre-server has no cpp-httplib dependency"
for c in kiosk display; do
  for d in libsdl2-2\.0-0 libsdl2-ttf-2\.0-0 libcurl4; do
    has_dep $c "$d" && pass "antre-$c depends on $d" || fail "antre-$c depends on $d"
  done
  field $c Recommends | grep -q xinit && pass "antre-$c recommends xinit" || fail "antre-$c recommends xinit"
done
has_dep kiosk libqrencode4 && pass "antre-kiosk depends on libqrencode4" || fail "antre-kiosk depends on libqrencode4"
has_dep server 'libsdl2.*' && fail "antre-server must not depend on SDL" || pass "antre-server has no SDL dependency"

# ---------------------------------------------------------------------------------------
echo "# conffiles and maintainer scripts"
declare -A CONFFILES=(
  [server]=$'/etc/antre/antre.json\n/etc/default/antre-server'
  [kiosk]='/etc/antre/kiosk.json'
  [display]='/etc/antre/display.json'
)
for c in server kiosk display; do
  got=$(dpkg-deb --info "${DEB[$c]}" conffiles 2>/dev/null)
  [[ $got == "${CONFFILES[$c]}" ]] && pass "antre-$c conffiles" || fail "antre-$c conffiles: '$got'"
  mkdir -p "$WORK/ctrl/$c" && dpkg-deb -e "${DEB[$c]}" "$WORK/ctrl/$c"
  for s in postinst prerm postrm; do
    f=$WORK/ctrl/$c/$s
    [[ -x $f ]] && sh -n "$f" && pass "antre-$c $s is an executable, valid sh script" || fail "antre-$c $s"
  done
done
[[ -x $WORK/ctrl/server/preinst ]] && pass "antre-server has a preinst (backup before upgrade)" || fail "antre-server preinst"
grep -q 'adduser --system' "$WORK/ctrl/server/postinst" && pass "antre-server postinst creates a system user" \
  || fail "antre-server postinst creates a system user"
grep -q 'cp -p "\$f"' "$WORK/ctrl/server/preinst" && pass "preinst copies the database on upgrade" || fail "preinst backup"
if [[ -e $WORK/ctrl/data/postinst ]]; then fail "antre-data must have no maintainer scripts"; else pass "antre-data has no scripts"; fi

# ---------------------------------------------------------------------------------------
echo "# files and permissions"
# One listing per package, in a file: `grep -q` on a live pipe would end it early (SIGPIPE).
for c in data server kiosk display; do
  dpkg-deb -c "${DEB[$c]}" | awk '{print $1, $2, $6}' | sed 's# \./# /#' >"$WORK/list-$c"
done
listing() { cat "$WORK/list-$1"; }
expect_file() {  # expect_file component mode path
  grep -qx -- "$2 root/root $3" "$WORK/list-$1" && pass "antre-$1: $2 $3" || fail "antre-$1: want $2 root/root $3"
}
expect_file server -rwxr-xr-x /usr/bin/antre-server
expect_file server -rw-r--r-- /lib/systemd/system/antre-server.service
expect_file server -rw-r--r-- /lib/systemd/system/antre-backup.service
expect_file server -rw-r--r-- /lib/systemd/system/antre-backup.timer
expect_file server -rw-r--r-- /etc/antre/antre.json
expect_file server -rw-r--r-- /etc/default/antre-server
expect_file kiosk -rwxr-xr-x /usr/bin/antre-kiosk
expect_file kiosk -rwxr-xr-x /usr/libexec/antre/antre-kiosk-session
expect_file kiosk -rw-r--r-- /lib/systemd/system/antre-kiosk.service
expect_file kiosk -rw-r--r-- /etc/antre/kiosk.json
expect_file display -rwxr-xr-x /usr/bin/antre-display
expect_file display -rwxr-xr-x /usr/libexec/antre/antre-display-session
expect_file display -rw-r--r-- /lib/systemd/system/antre-display.service
expect_file display -rw-r--r-- /etc/antre/display.json
expect_file data -rw-r--r-- /usr/share/antre/web/counter.html
expect_file data -rw-r--r-- /usr/share/antre/web/booking/booking.js
expect_file data -rw-r--r-- /usr/share/antre/fonts/DejaVuSans.ttf
expect_file data -rw-r--r-- /usr/share/antre/voice/id/chime.wav
expect_file data -rw-r--r-- /usr/share/antre/demo-office.json
expect_file data -rw-r--r-- /usr/share/doc/antre-data/operations.md
expect_file data -rw-r--r-- /usr/share/doc/antre-data/examples/antre-public.conf
expect_file data -rw-r--r-- /usr/share/doc/antre-data/examples/antre-lan.conf
for c in data server kiosk display; do
  stray=$(listing $c | awk '{print $3}' | grep -Ev '^/(usr/(bin|libexec/antre|share/(antre|doc/antre-data))|etc/(antre|default)|lib/systemd/system)(/|$)' \
          | grep -Ev '^/(usr|usr/share|usr/share/doc|usr/libexec|etc|lib|lib/systemd)/$')
  [[ -z $stray ]] && pass "antre-$c installs only under its own paths" || fail "antre-$c stray files: $stray"
  writable=$(listing $c | awk '$1 ~ /^.....w|^........w/ {print $3}')
  [[ -z $writable ]] && pass "antre-$c: nothing group- or world-writable" || fail "antre-$c writable: $writable"
done
grep -q 'generate.sh' "$WORK/list-data" && fail "voice generate.sh is shipped" || pass "voice generator not shipped"
[[ $(listing data | grep -c '/usr/share/antre/voice/id/.*\.wav') == \
   $(find "$SRC/assets/voice/id" -name '*.wav' | wc -l) ]] && pass "every Indonesian voice clip is shipped" \
  || fail "Indonesian voice clips"
[[ $(listing data | grep -c '/usr/share/antre/web/.*\.\(html\|js\|css\)$') == \
   $(find "$SRC/assets/web" -name '*.html' -o -name '*.js' -o -name '*.css' | wc -l) ]] \
  && pass "every web page and script is shipped" || fail "web files"
ROOT=$WORK/root
mkdir -p "$ROOT"
for c in data server kiosk display; do dpkg -x "${DEB[$c]}" "$ROOT"; done
if command -v readelf >/dev/null; then
  readelf -S "$ROOT/usr/bin/antre-server" | grep -q '\.debug_info' && fail "antre-server is not stripped" \
    || pass "binaries are stripped"
fi

# ---------------------------------------------------------------------------------------
echo "# unpacked programs with the packaged assets and sample configs"
"$ROOT/usr/bin/antre-server" routes >/dev/null && pass "unpacked antre-server runs" || fail "unpacked antre-server runs"
export XDG_RUNTIME_DIR=$WORK/xdg SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
ANTRE_FONT_DIR=$ROOT/usr/share/antre/fonts ANTRE_VOICE_DIR=$ROOT/usr/share/antre/voice \
  "$ROOT/usr/bin/antre-display" --config "$ROOT/etc/antre/display.json" --screenshot "$WORK/shots-display" \
  >"$WORK/display.log" 2>&1
grep -Eq 'wrote [1-9][0-9]* screenshots' "$WORK/display.log" \
  && pass "antre-display reads the sample display.json and the packaged fonts" \
  || fail "antre-display with packaged config/fonts: $(tail -2 "$WORK/display.log")"
# The kiosk's full screenshot set takes ~12 s: stop once the first screen is written.
ANTRE_FONT_DIR=$ROOT/usr/share/antre/fonts \
  "$ROOT/usr/bin/antre-kiosk" --config "$ROOT/etc/antre/kiosk.json" --screenshot "$WORK/shots-kiosk" \
  >"$WORK/kiosk.log" 2>&1 &
kpid=$!
for _ in $(seq 100); do
  compgen -G "$WORK/shots-kiosk/*.png" >/dev/null && break
  kill -0 $kpid 2>/dev/null || break
  sleep 0.1
done
kill $kpid 2>/dev/null; wait $kpid 2>/dev/null
compgen -G "$WORK/shots-kiosk/*.png" >/dev/null \
  && pass "antre-kiosk reads the sample kiosk.json and the packaged fonts" \
  || fail "antre-kiosk with packaged config/fonts: $(tail -2 "$WORK/kiosk.log")"

# ---------------------------------------------------------------------------------------
echo "# systemd units"
# verify checks that ExecStart programs exist: point them at the unpacked root.
mkdir -p "$WORK/units"
for u in "$ROOT"/lib/systemd/system/*.service; do
  sed -e "s#/usr/bin/antre-#$ROOT/usr/bin/antre-#g; s#/usr/libexec/antre/#$ROOT/usr/libexec/antre/#g" \
    "$u" >"$WORK/units/$(basename "$u")"
done
cp "$ROOT/lib/systemd/system/antre-backup.timer" "$WORK/units/"
for u in antre-server.service antre-backup.service antre-backup.timer antre-kiosk.service antre-display.service; do
  out=$(systemd-analyze verify --man=no "$WORK/units/$u" 2>&1)
  rc=$?
  [[ $rc == 0 && -z $out ]] && pass "systemd-analyze verify $u" || fail "verify $u: $out"
done
unit=$ROOT/lib/systemd/system/antre-server.service
for d in 'User=antre' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'PrivateTmp=yes' 'StateDirectory=antre' \
         'ReadWritePaths=/var/lib/antre' 'Restart=on-failure' 'ProtectHome=yes' 'CapabilityBoundingSet='; do
  grep -qx -- "$d" "$unit" && pass "server unit: $d" || fail "server unit lacks $d"
done
grep -q -- '--assets /usr/share/antre' "$unit" && pass "server unit passes --assets /usr/share/antre" || fail "--assets"
exposure=$(systemd-analyze security --offline=true "$WORK/units/antre-server.service" 2>/dev/null |
           sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 2.0) }' && pass "server unit exposure $exposure <= 2.0 (systemd-analyze security)" \
  || fail "server unit exposure '$exposure' > 2.0"
for r in kiosk display; do
  u=$ROOT/lib/systemd/system/antre-$r.service
  grep -qx 'Restart=always' "$u" && pass "$r unit restarts always" || fail "$r unit Restart=always"
  grep -q -- '-s 0 -dpms' "$u" && pass "$r X server never blanks" || fail "$r X server blanking"
  s=$ROOT/usr/libexec/antre/antre-$r-session
  sh -n "$s" && grep -q 'xset s off s noblank -dpms' "$s" && grep -q 'while :' "$s" \
    && pass "$r session: blanking off and restart loop" || fail "$r session script"
done

# ---------------------------------------------------------------------------------------
echo "# nginx in front of the unpacked server"
"$ROOT/usr/bin/antre-server" --config "$ROOT/etc/antre/antre.json" --assets "$ROOT/usr/share/antre" \
  --db "$WORK/antre.db" --bind 127.0.0.1 --port 0 >"$WORK/server.out" 2>"$WORK/server.err" &
PIDS+=($!)
for _ in $(seq 50); do grep -q listening "$WORK/server.out" && break; sleep 0.1; done
SPORT=$(sed -n 's#.*http://127.0.0.1:\([0-9]*\).*#\1#p' "$WORK/server.out")
[[ -n $SPORT ]] || { cat "$WORK/server.err"; echo "FAIL server did not start"; exit 1; }
pass "unpacked server listens on $SPORT with /etc/antre/antre.json and /usr/share/antre"
DIRECT=http://127.0.0.1:$SPORT

NG=$WORK/nginx
mkdir -p "$NG/tmp" "$NG/logs"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
  -keyout "$NG/key.pem" -out "$NG/cert.pem" >/dev/null 2>&1 || fail "openssl self-signed certificate"
start_nginx() {  # start_nginx https_port http_port: writes the config, runs nginx -t, starts it
  sed -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$SPORT;#" \
      -e "s#listen 443 ssl http2;#listen 127.0.0.1:$1 ssl http2;#" \
      -e "s#listen 80;#listen 127.0.0.1:$2;#" -e '/listen \[::\]/d' \
      -e "s#/etc/letsencrypt/live/[^/]*/fullchain.pem#$NG/cert.pem#" \
      -e "s#/etc/letsencrypt/live/[^/]*/privkey.pem#$NG/key.pem#" \
      -e "s#/var/log/nginx/antre-access.log#$NG/logs/access.log#" \
      -e "s#/var/log/nginx/antre-error.log#$NG/logs/antre-error.log#" \
      "$ROOT/usr/share/doc/antre-data/examples/antre-public.conf" >"$NG/antre.conf"
  {
    [[ $(id -u) == 0 ]] && echo "user root;"
    echo "worker_processes 1; pid $NG/nginx.pid; error_log $NG/logs/error.log;"
    echo "events { worker_connections 64; }"
    echo "http { client_body_temp_path $NG/tmp/body; proxy_temp_path $NG/tmp/proxy;"
    echo "  fastcgi_temp_path $NG/tmp/f; uwsgi_temp_path $NG/tmp/u; scgi_temp_path $NG/tmp/s;"
    echo "  access_log off; include $NG/antre.conf; }"
  } >"$NG/nginx.conf"
  nginx -t -p "$NG" -c "$NG/nginx.conf" -e "$NG/logs/error.log" >"$NG/t.log" 2>&1 || return 2
  nginx -p "$NG" -c "$NG/nginx.conf" -e "$NG/logs/error.log" -g 'daemon off;' >"$NG/run.log" 2>&1 &
  NGPID=$!
  for _ in $(seq 30); do
    curl -sk -o /dev/null "https://127.0.0.1:$1/" && return 0
    kill -0 $NGPID 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
started=1
for _ in 1 2 3 4 5; do
  HPORT=$((20000 + RANDOM % 30000)); PPORT=$((HPORT + 1))
  start_nginx $HPORT $PPORT; started=$?
  [[ $started == 2 ]] && { cat "$NG/t.log"; break; }
  [[ $started == 0 ]] && { PIDS+=($NGPID); break; }
done
[[ $started == 0 ]] || { echo "FAIL nginx -t / start"; cat "$NG/run.log" "$NG/logs/error.log" 2>/dev/null; exit 1; }
pass "nginx -t accepts the sample site (self-signed certificate, upstream :$SPORT)"
# The server also sends X-Accel-Buffering: no; the site must not depend on that header.
events_block=$(sed -n '/location ~ \^\/api\/v1\/sites\/\[A-Za-z0-9_-\]+\/events\$/,/^    }/p' "$NG/antre.conf")
for d in 'proxy_buffering off;' 'proxy_read_timeout 1h;' 'proxy_cache off;' 'gzip off;'; do
  grep -qF "$d" <<<"$events_block" && pass "event stream location: $d" || fail "event stream location lacks $d"
done
for d in 'proxy_http_version 1.1;' 'proxy_set_header Connection "";' 'proxy_set_header X-Forwarded-For $remote_addr;'; do
  grep -qF "$d" "$NG/antre.conf" && pass "site: $d" || fail "site lacks $d"
done
PUB=https://127.0.0.1:$HPORT

status() { curl -sk -o /dev/null -w '%{http_code}' "$@"; }
expect_status() {  # expect_status code description curl-args...
  local want=$1 what=$2; shift 2
  local got; got=$(status "$@")
  [[ $got == "$want" ]] && pass "$what -> $want" || fail "$what: want $want, got $got"
}
expect_status 301 "plain http redirects to https" "http://127.0.0.1:$PPORT/booking"
expect_status 200 "public /booking" "$PUB/booking"
expect_status 200 "public /booking/booking.js" "$PUB/booking/booking.js"
expect_status 200 "public services API" "$PUB/api/v1/sites/serang/services"
expect_status 200 "public slots API" "$PUB/api/v1/sites/serang/slots?service=rekam"
for p in /counter /supervisor /admin /courier /counter.html /admin.html /static/counter.js /booking/courier.js \
         /api/v1/sites/serang/queue /api/v1/admin/users /api/v1/sites/serang/devices /api/v1/health \
         /api/v1/sites/serang/backlog /api/v1/sites/serang/notifications; do
  expect_status 404 "staff/internal GET $p hidden" "$PUB$p"
done
expect_status 404 "login hidden" -X POST -d '{"username":"admin","password":"admin-demo"}' "$PUB/api/v1/auth/login"
expect_status 404 "kiosk ticket route hidden" -X POST -H 'Authorization: Bearer demo-kiosk-token' \
  -d '{"service":"rekam"}' "$PUB/api/v1/sites/serang/tickets"
expect_status 404 "kiosk check-in hidden" -X POST -H 'Authorization: Bearer demo-kiosk-token' -d '{}' \
  "$PUB/api/v1/sites/serang/bookings/ABCDEFGH/check-in"
expect_status 404 "counter actions hidden" -X POST -d '' "$PUB/api/v1/sites/serang/counters/1/next"
expect_status 403 "services API refuses POST" -X POST -d '{}' "$PUB/api/v1/sites/serang/services"
# A release draw's result is polled by the booking page through nginx (the server's JSON 404
# for an unknown id, not nginx's page); the broker report stays on the LAN.
curl -sk "$PUB/api/v1/booking-requests/0123456789abcdef01234567?nik=3673010101010001" | grep -q '"not_found"' \
  && pass "draw request look-up reaches the server" || fail "draw request look-up does not reach the server"
expect_status 404 "booking-sources report hidden" "$PUB/api/v1/sites/serang/reports/booking-sources?from=2026-11-30&to=2026-11-30"

# The packaged demo office keeps office hours; open rekam around the clock (as an admin would
# for an evening session) so this check passes at any hour.
ADM=$(curl -s -d '{"username":"admin","password":"admin-demo"}' "$DIRECT/api/v1/auth/login" |
      sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $ADM" -d '{"hours":null,"daily_quota":0}' \
  "$DIRECT/api/v1/sites/serang/admin/services/rekam" | grep -qx 200 && pass "admin opens rekam around the clock" \
  || fail "admin opens rekam around the clock"
issue() {  # a kiosk ticket straight from the server (kiosks are on the LAN); prints its JSON
  curl -s -X POST -H 'Authorization: Bearer demo-kiosk-token' -d '{"service":"rekam"}' \
    "$DIRECT/api/v1/sites/serang/tickets"
}
t1=$(issue)
id1=$(sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p' <<<"$t1")
[[ -n $id1 ]] && pass "kiosk ticket issued on the LAN port" || fail "issue ticket: $t1"
expect_status 200 "ticket status page /t/<id>" "$PUB/t/$id1"
curl -sk "$PUB/api/v1/tickets/$id1" | grep -q "\"id\":\"$id1\"" && pass "ticket API through nginx" \
  || fail "ticket API through nginx"

# The event stream through nginx: a ticket issued after connecting must arrive at once.
curl -skN --http1.1 "$PUB/api/v1/sites/serang/events" >"$WORK/stream.txt" 2>/dev/null &
cpid=$!
PIDS+=($cpid)
for _ in $(seq 50); do grep -q ': connected' "$WORK/stream.txt" && break; sleep 0.1; done
grep -q ': connected' "$WORK/stream.txt" && pass "event stream opens through nginx" || fail "event stream opens"
t2=$(issue)
num2=$(sed -n 's/.*"number":"\([A-Z]*[0-9]*\)".*/\1/p' <<<"$t2")
arrived=0
for _ in $(seq 30); do
  grep -q "\"number\":\"$num2\"" "$WORK/stream.txt" && { arrived=1; break; }
  sleep 0.1
done
[[ $arrived == 1 && -n $num2 ]] && pass "event ticket.issued $num2 arrives through nginx within 3 s" \
  || fail "event for $num2 did not arrive through nginx: $(tail -c 300 "$WORK/stream.txt")"
grep -B1 "\"number\":\"$num2\"" "$WORK/stream.txt" | grep -q '^event: ticket.issued' \
  && pass "the event is ticket.issued" || fail "event type"
# A booking lookup carries the NIK in its query string; the access log keeps the path only.
status "$PUB/api/v1/bookings/ABCDEFGH?nik=3673010101010001" >/dev/null
grep -q 'GET /api/v1/bookings/ABCDEFGH"' "$NG/logs/access.log" && ! grep -q '3673010101010001' "$NG/logs/access.log" \
  && pass "access log has the path without the NIK query" || fail "access log: $(tail -2 "$NG/logs/access.log")"
kill $cpid 2>/dev/null
# Range amplification: many ranges give one whole file, never a multipart answer.
ranges="bytes=0-$(printf ',0-%.0s' $(seq 400))"
size=$(curl -sk -o /dev/null -w '%{size_download}' "$PUB/static/ticket_survey.js")
got=$(curl -sk -o /dev/null -w '%{http_code} %{size_download}' -H "Range: $ranges" "$PUB/static/ticket_survey.js")
[[ -n $size && $size -gt 0 && ( $got == "200 $size" || $got == 416* ) ]] \
  && pass "400 ranges through nginx give at most the file ($got, file $size bytes)" || fail "ranges: $got (file $size)"
# The survey of a ticket is public: the status page asks for it.
expect_status 200 "ticket survey through nginx" "$PUB/api/v1/tickets/$id1/survey"
# A refused request with a NIK in its query leaves no NIK in nginx's error log.
for _ in $(seq 40); do status "$PUB/api/v1/bookings/ABCDEFGH?nik=3673010101010002" >/dev/null; done
! grep -qs '3673010101010002' "$NG/logs/antre-error.log" "$NG/logs/error.log" \
  && pass "nginx's error log has no NIK from refused look-ups" || fail "a NIK reached nginx's error log"

echo
if ((FAILS)); then echo "packaging: $FAILS check(s) failed"; exit 1; fi
echo "packaging: all checks passed"
