# Slim, non-root image of walletbot on its embedded defaults (SQLite file in /data, bundled FAQ).
FROM python:3.11-slim AS build
# A C compiler for the lean path's extension (brain/_tfidf.c); the runtime image needs none.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY src ./src
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 walletbot && mkdir /data && chown walletbot /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
COPY data/faq.yaml /app/data/faq.yaml
USER walletbot
WORKDIR /data
ENV WALLETBOT_HOST=0.0.0.0 \
    WALLETBOT_PORT=8000 \
    WALLETBOT_FAQ_PATH=/app/data/faq.yaml \
    WALLETBOT_DATABASE_URL=sqlite+aiosqlite:////data/walletbot.db
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
CMD ["walletbot", "serve"]
