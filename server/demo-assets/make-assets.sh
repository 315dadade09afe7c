#!/bin/sh
# Remakes the demo school's media from nothing but Debian's tools:
#   apt-get install -y ffmpeg espeak-ng fonts-dejavu-core
# Run from this folder: sh make-assets.sh
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One spoken word: espeak-ng's voice, Opus in Ogg at 24 kbit/s, mono (a few KB).
say() { # voice file text
  espeak-ng -v "$1" -s 140 -w "$tmp/word.wav" "$3"
  ffmpeg -loglevel error -y -i "$tmp/word.wav" -ac 1 -c:a libopus -b:a 24k -map_metadata -1 -fflags +bitexact "$2"
}

# The English set "Travel words" and the Chinese set "Ordering food", one recording per word.
for word in airport luggage passport journey abroad; do say en-gb "en-$word.ogg" "$word"; done
say cmn zh-caidan.ogg 菜单
say cmn zh-mifan.ogg 米饭
say cmn zh-cha.ogg 茶
say cmn zh-maidan.ogg 买单
say cmn zh-haochi.ogg 好吃

# The video: 8 s at 480x270, a title, a running clock and a moving test pattern; a beep, then a
# spoken sentence in the Present Perfect. VP8 and Opus in WebM, about 150 KB.
espeak-ng -v en-gb -s 140 -w "$tmp/speech.wav" "Have you ever been to London? Yes, I have. I have been there twice."
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
ffmpeg -loglevel error -y \
  -f lavfi -i "color=c=0x1f4e79:s=480x270:r=24:d=8" \
  -f lavfi -i "testsrc2=s=120x68:r=24:d=8" \
  -f lavfi -i "sine=f=880:d=0.3" \
  -i "$tmp/speech.wav" \
  -filter_complex "[0][1]overlay=x='(W-w)*t/8':y=H-h-12[bg];\
[bg]drawtext=fontfile=$font:text='Present Perfect':fontcolor=white:fontsize=34:x=(w-text_w)/2:y=56,\
drawtext=fontfile=$font:text='Have you ever been to London?':fontcolor=0xffd966:fontsize=20:x=(w-text_w)/2:y=110,\
drawtext=fontfile=$font:text='%{pts\:hms}':fontcolor=white:fontsize=16:x=12:y=12[v];\
[2]adelay=200|200[beep];[3]adelay=900|900[speech];[beep][speech]amix=inputs=2:duration=longest:normalize=0,apad,atrim=0:8[a]" \
  -map "[v]" -map "[a]" -c:v libvpx -b:v 120k -crf 30 -g 48 -c:a libopus -b:a 32k -ac 1 \
  -map_metadata -1 -fflags +bitexact -t 8 present-perfect.webm
