#!/usr/bin/env bash
# Generates the voice clips with espeak-ng (offline) and sox, as 16-bit mono 22050 Hz WAV
# files: the display's calls in assets/voice/id/ and assets/voice/en/, and the kiosk's
# phrases (listed in kiosk_phrases.tsv) in assets/voice/<lang>/kiosk/. The WAVs are
# committed, so building and testing never need these tools; run this only to regenerate.
# An office may replace any clip with a human recording of the same name and format.
# Usage: assets/voice/generate.sh [all|display|kiosk]   (needs: apt-get install espeak-ng sox)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
rate=22050
speed_id=140   # words per minute; slower than espeak's 175 to be clear across a hall
speed_en=145
# The kiosk speaks to one resident at arm's length, in whole sentences: a little faster, and
# at 16 kHz (the sink converts it when loading) so ~180 sentence clips stay small.
speed_kiosk=155
rate_kiosk=16000
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is missing (apt-get install espeak-ng sox)" >&2; exit 1; }
done

# speak VOICE SPEED OUT TEXT [PAD_BEFORE_SECONDS [RATE]]: text -> trimmed, normalised clip.
speak() {
  local voice=$1 speed=$2 out=$3 text=$4 pad=${5:-0} clip_rate=${6:-$rate}
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
  # Trim leading and trailing silence, leave 30 ms of air each side, normalise to -3 dBFS.
  sox "$tmp/raw.wav" -r "$clip_rate" -c 1 -b 16 "$out" \
    silence 1 0.01 0.3% reverse silence 1 0.01 0.3% reverse \
    pad "$(awk "BEGIN{print $pad + 0.03}")" 0.03 norm -3
}

# A calm two-tone chime (E5 then C5, bell-like decay), the same in both folders.
chime() {
  local out=$1
  sox -n -r "$rate" -c 1 -b 16 "$tmp/t1.wav" synth 0.75 sine 659.25 sine 1318.5 remix 1,2 \
    fade q 0.01 0.75 0.7 vol 0.9
  sox -n -r "$rate" -c 1 -b 16 "$tmp/t2.wav" synth 1.1 sine 523.25 sine 1046.5 remix 1,2 \
    fade q 0.01 1.1 1.05 vol 0.9
  sox "$tmp/t1.wav" "$tmp/t2.wav" -r "$rate" -c 1 -b 16 "$out" norm -6 pad 0 0.25
}

letters=(a b c d e f g h i j k l m n o p q r s t u v w x y z)
what=${1:-all}
case "$what" in all|display|kiosk) ;; *) echo "usage: $0 [all|display|kiosk]" >&2; exit 2;; esac

# ---- The kiosk's phrases (the number words and letters are the display's clips)
if [[ $what != display ]]; then
  mkdir -p "$here/id/kiosk" "$here/en/kiosk"
  while IFS=$'\t' read -r name text_id text_en; do
    [[ -z $name || $name == \#* ]] && continue
    speak id "$speed_kiosk" "$here/id/kiosk/$name.wav" "$text_id" 0 "$rate_kiosk"
    speak en "$speed_kiosk" "$here/en/kiosk/$name.wav" "$text_en" 0 "$rate_kiosk"
  done < "$here/kiosk_phrases.tsv"
  echo "generate.sh: $(ls "$here"/id/kiosk/*.wav | wc -l) Indonesian and $(ls "$here"/en/kiosk/*.wav | wc -l) English kiosk clips, $(du -ch "$here"/id/kiosk/*.wav "$here"/en/kiosk/*.wav | tail -1 | cut -f1) in total"
  [[ $what == kiosk ]] && exit 0
fi

# ---- Indonesian
mkdir -p "$here/id"
chime "$here/id/chime.wav"
speak id "$speed_id" "$here/id/nomor_antrean.wav" "nomor antrean"
speak id "$speed_id" "$here/id/silakan_menuju_loket.wav" "silakan menuju loket" 0.25
for l in "${letters[@]}"; do speak id "$speed_id" "$here/id/$l.wav" "${l^^}"; done
for w in nol satu dua tiga empat lima enam tujuh delapan sembilan \
         sepuluh sebelas belas puluh seratus ratus seribu ribu; do
  speak id "$speed_id" "$here/id/$w.wav" "$w"
done

# ---- English
mkdir -p "$here/en"
chime "$here/en/chime.wav"
speak en "$speed_en" "$here/en/ticket.wav" "ticket"
speak en "$speed_en" "$here/en/please_go_to_counter.wav" "please go to counter" 0.25
for l in "${letters[@]}"; do speak en "$speed_en" "$here/en/$l.wav" "${l^^}"; done
for w in zero one two three four five six seven eight nine ten eleven twelve thirteen \
         fourteen fifteen sixteen seventeen eighteen nineteen \
         twenty thirty forty fifty sixty seventy eighty ninety hundred thousand; do
  speak en "$speed_en" "$here/en/$w.wav" "$w"
done

echo "generate.sh: $(ls "$here"/id/*.wav | wc -l) Indonesian and $(ls "$here"/en/*.wav | wc -l) English clips, $(du -ch "$here"/id/*.wav "$here"/en/*.wav | tail -1 | cut -f1) in total"
