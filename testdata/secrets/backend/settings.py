import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = 'django-insecure-v%o$+mpz=om75w_bbr4qm(#w2_wxfogo4mvn4$$a4^w^f&hy-+'

DEBUG = False
ALLOWED_HOSTS = ["shop.acme.test"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": os.environ["DB_USER"],
        "PASSWORD": os.environ["DB_PASSWORD"],
    }
}

AWS_ACCESS_KEY_ID = "AKIAZ5GMHYJKLMNQ7XPR"
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD")
