FROM python:3.11-slim

WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir . \
    && useradd --create-home opcomap
USER opcomap

ENV STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
EXPOSE 8501
# opcomap serve prepares the default map before answering (see opcomap/ui/warm.py).
CMD ["opcomap", "serve", "--address", "0.0.0.0", "--port", "8501"]
