# Production image: gunicorn serving Pasar Ibu; PostgreSQL, Redis and media storage live outside.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 APP_ENV=production PORT=8000
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 1000 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN pybabel compile -q -d storefront/translations -f && mkdir -p instance && chown -R app instance
USER app
EXPOSE 8000
# The same image runs the other processes of the Procfile (one container each):
#   worker: flask --app wsgi rq-worker
#   clock:  rq cron storefront.payments.rq_cron --url "$REDIS_URL"  (release-expired, purge)
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
