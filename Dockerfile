# Slim, non-root image of walletbot on its embedded defaults (SQLite file in /data, the FAQ and
# dialogue files that ship inside the package). Pure Python: nothing to compile.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 walletbot && mkdir /data && chown walletbot /data
COPY pyproject.toml README.md /tmp/walletbot/
COPY src /tmp/walletbot/src
COPY data/faq.yaml data/dialogue.yaml /tmp/walletbot/data/
RUN pip install --no-cache-dir /tmp/walletbot && rm -rf /tmp/walletbot
USER walletbot
WORKDIR /data
ENV WALLETBOT_HOST=0.0.0.0 \
    WALLETBOT_PORT=8000 \
    WALLETBOT_DATABASE_URL=sqlite+aiosqlite:////data/walletbot.db
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
CMD ["walletbot", "serve"]
