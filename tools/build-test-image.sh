#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Build the tiny bootable test image from Debian packages only: a Debian kernel, a busybox initramfs, a root disk.
#
#   tools/build-test-image.sh [OUTDIR]     (default /var/cache/nova_like/test-image)
#
# OUTDIR gets vmlinuz, initrd.img and disk.qcow2 (a 1 MiB disk whose first
# bytes are the marker NOVA-LIKE-ROOT-DISK). Upload them to Glance as aki,
# ari and qcow2 images and give the disk the properties kernel_id,
# ramdisk_id (and optionally os_command_line): the libvirt driver then boots
# the kernel directly. The guest's /init prints GUEST-BOOTED <hostname>,
# the config drive's meta_data.json, its public key, the disks it sees, and
# DISKS-CHANGED when a disk is hot-plugged, with DISK-ADDED <name>
# bytes=<size> head=<its first 32 bytes, letters, digits and dashes only>
# for each new one; it powers off on the ACPI power
# button (listening from when it printed ACPI-READY). With an eth0 it asks
# for a DHCP lease in the background and prints DHCP-LEASE eth0 ip=A/P
# router=R ... (or DHCP-FAILED), then PING-ROUTER R received=N/3. Server
# metadata (on the config drive) makes it a network probe: nl_listen=PORT
# answers TCP on PORT (LISTEN tcp PORT); nl_ping="A B" and
# nl_tcp="A:P ..." are tried every 2 s, each change printed as
# PROBE ping A up|down or PROBE tcp A:P open|closed. Needs
# busybox-static, cpio, qemu-utils (tools/ensure-libvirt.sh installs them)
# and apt access to the Debian archive. A second run with the same script
# is a no-op.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/var/cache/nova_like/test-image}
mkdir -p "$out"
stamp="$out/.built-by"
want=$(sha256sum "$here/build-test-image.sh" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && \
        [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.img" ] && [ -f "$out/disk.qcow2" ]; then
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The kernel package that linux-image-amd64 points at, fetched with apt.
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -1)
if [ -z "$kpkg" ]; then
    apt-get update -qq
    kpkg=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -1)
fi
(cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "$kpkg")
dpkg -x "$work"/"$kpkg"_*.deb "$work/root"
kver=${kpkg#linux-image-}
cp "$work/root/boot/vmlinuz-$kver" "$out/vmlinuz.new"

# Initramfs: busybox, the modules it needs (built as modules in Debian's
# kernel), and /init. The config drive is a CD-ROM on IDE (i440fx) or SATA
# (q35): the ATA and SCSI CD-ROM stack comes before the controllers, so
# that sr0 exists once ata_piix or ahci has loaded. Each module comes after
# those it depends on (the depends= line of its .modinfo).
rd="$work/initrd"
mkdir -p "$rd"/{bin,proc,sys,dev,mnt,tmp,etc,lib/modules}
cp /bin/busybox "$rd/bin/"
K="$work/root/lib/modules/$kver/kernel"
MODS="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci drivers/block/virtio_blk
net/core/failover drivers/net/net_failover drivers/net/virtio_net drivers/acpi/button
drivers/input/evdev drivers/scsi/scsi_common drivers/scsi/scsi_mod drivers/cdrom/cdrom
drivers/scsi/sr_mod drivers/ata/libata drivers/ata/ata_piix drivers/ata/ata_generic
drivers/ata/libahci drivers/ata/ahci fs/isofs/isofs"
order=""
for m in $MODS; do
    name=$(basename "$m")
    ko="$rd/lib/modules/$name.ko"
    if [ -f "$K/$m.ko" ]; then cp "$K/$m.ko" "$ko"; else xz -dc "$K/$m.ko.xz" > "$ko"; fi
    for dep in $(grep -a -o 'depends=[A-Za-z0-9_,-]*' "$ko" | head -1 | cut -d= -f2 | tr ',' ' '); do
        case " $order " in
            *" $dep "*) ;;
            *) echo "build-test-image.sh: $name needs $dep, which MODS does not load before it" >&2
               exit 1 ;;
        esac
    done
    order="$order $name"
done
cat > "$rd/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in$order; do insmod /lib/modules/\$m.ko 2>/dev/null || echo "INSMOD-FAIL \$m"; done
EOF
cat >> "$rd/init" <<'EOF'
HN=$(sed -n 's/.*hostname=\([^ ]*\).*/\1/p' /proc/cmdline)
for b in /sys/block/vd* /sys/block/sr*; do
  [ -e "$b" ] || continue; d=/dev/${b##*/}
  if mount -t iso9660 -o ro $d /mnt 2>/dev/null; then
    f=/mnt/openstack/latest/meta_data.json
    if [ -f $f ]; then
      echo "CONFIG-DRIVE $d"
      echo "META $(cat $f)"
      cp $f /tmp/meta.json
      H=$(tr ',' '\n' < $f | sed -n 's/.*"hostname": *"\([^"]*\)".*/\1/p' | head -1)
      [ -n "$H" ] && HN=$H
      K=$(tr ',{}' '\n\n\n' < $f | sed -n 's/.*"ssh-rsa \([^"]*\)".*/ssh-rsa \1/p; s/.*"\(ssh-ed25519 [^"]*\)".*/\1/p' | head -1)
      [ -n "$K" ] && echo "PUBLIC-KEY $K"
      [ -f /mnt/openstack/latest/user_data ] && echo "USER-DATA $(head -c 200 /mnt/openstack/latest/user_data)"
    fi
    umount /mnt
  fi
done
hostname "${HN:-guest}"
echo "GUEST-BOOTED $(hostname) uptime=$(cut -d' ' -f1 /proc/uptime)s kernel=$(uname -r)"
[ -b /dev/vda ] && echo "ROOT-MARKER $(head -c 19 /dev/vda)"
for n in /sys/class/net/e*; do [ -e "$n" ] && echo "NIC ${n##*/} mac=$(cat $n/address)"; done
if [ -e /sys/class/net/eth0 ]; then
  # In the background: a guest without a DHCP server boots as fast.
  (ip link set lo up
   if udhcpc -i eth0 -f -q -n -t 4 -T 2 -O mtu -s /etc/udhcpc.script >/dev/null 2>&1 && [ -f /tmp/lease ]; then
     . /tmp/lease
     echo "DHCP-LEASE eth0 ip=$ip/$prefix router=${router:-none} dns=${dns:-none} mtu=${mtu:-none} lease=${lease}s"
     if [ -n "$router" ]; then
       r=$(ping -c 3 -W 1 "$router" 2>&1 | sed -n 's/.* \([0-9]*\) packets received.*/\1/p')
       echo "PING-ROUTER $router received=${r:-0}/3"
     fi
     meta() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" /tmp/meta.json 2>/dev/null | head -1; }
     probe() { f=/tmp/probe-$(echo "$1-$2" | tr ':./' '___'); old=$(cat $f 2>/dev/null)
       [ "$3" != "$old" ] && { echo "PROBE $1 $2 $3"; echo "$3" > $f; }; }
     L=$(meta nl_listen)
     [ -n "$L" ] && { nc -ll -p "$L" -e /bin/hello & echo "LISTEN tcp $L"; }
     P=$(meta nl_ping); T=$(meta nl_tcp)
     while [ -n "$P$T" ]; do
       for a in $P; do if ping -c 1 -W 1 $a >/dev/null 2>&1; then probe ping $a up; else probe ping $a down; fi; done
       for a in $T; do if nc -w 2 ${a%:*} ${a#*:} </dev/null >/dev/null 2>&1; then probe tcp $a open; else probe tcp $a closed; fi; done
       sleep 2
     done
   else
     echo "DHCP-FAILED eth0 (no lease after 4 tries)"
   fi) &
fi
echo "DISKS $(ls /sys/block | tr '\n' ' ')"
(while true; do cur=$(ls /sys/block | tr '\n' ' ')
   if [ -n "$prev" ] && [ "$cur" != "$prev" ]; then
     echo "DISKS-CHANGED $cur"
     for d in $cur; do case " $prev " in *" $d "*) ;; *)
       echo "DISK-ADDED $d bytes=$(($(cat /sys/block/$d/size) * 512)) head=$(head -c 32 /dev/$d | tr -dc 'A-Za-z0-9-')" ;; esac; done
   fi; prev=$cur; sleep 1; done) &
for e in /sys/class/input/event*; do
  grep -q "Power Button" $e/device/name 2>/dev/null || continue
  (head -c 1 /dev/input/${e##*/} >/dev/null; echo "GUEST-ACPI-SHUTDOWN"; sync; poweroff -f) &
  echo "ACPI-READY ${e##*/}"
done
i=0; while true; do sleep 30; i=$((i+30)); echo "HEARTBEAT $(hostname) t=$i"; done
EOF
chmod +x "$rd/init"
# udhcpc's event script: configure eth0 from the lease, keep it in /tmp/lease.
cat > "$rd/etc/udhcpc.script" <<'EOF'
#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    prefix=${mask:-24}
    [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
    ip addr flush dev "$interface"
    ip addr add "$ip/$prefix" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    printf 'ip=%s\nprefix=%s\nrouter=%s\ndns="%s"\nmtu=%s\nlease=%s\n' \
      "$ip" "$prefix" "${router%% *}" "$dns" "$mtu" "$lease" > /tmp/lease ;;
esac
exit 0
EOF
chmod +x "$rd/etc/udhcpc.script"
printf '#!/bin/sh\necho NOVA-LIKE-HELLO\n' > "$rd/bin/hello"
chmod +x "$rd/bin/hello"
(cd "$rd" && find . | cpio -o -H newc --quiet | gzip -1 > "$out/initrd.img.new")

# Root disk: a marker the guest prints, so the test sees the overlay's base.
printf 'NOVA-LIKE-ROOT-DISK\n' > "$work/disk.raw"
truncate -s 1M "$work/disk.raw"
qemu-img convert -q -f raw -O qcow2 "$work/disk.raw" "$out/disk.qcow2.new"

mv "$out/vmlinuz.new" "$out/vmlinuz"
mv "$out/initrd.img.new" "$out/initrd.img"
mv "$out/disk.qcow2.new" "$out/disk.qcow2"
echo "$want" > "$stamp"
echo "test image in $out: vmlinuz ($kver), initrd.img, disk.qcow2"
