# Production image: the whole school in one process (see docker-compose.yml).
FROM node:20-bookworm

# The mediasoup worker is built from source against Debian's libraries (sfu/worker-build).
RUN apt-get update \
  && apt-get install -y --no-install-recommends g++ make meson ninja-build pkg-config \
     flatbuffers-compiler libflatbuffers-dev libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g npm@11

WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund

ENV NODE_ENV=production DATA_DIR=/data
VOLUME /data
EXPOSE 3000 40000/udp 40000/tcp
CMD ["node", "--import", "tsx", "server/src/main.ts"]
