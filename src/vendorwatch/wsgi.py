import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
application = get_wsgi_application()

# Everything loaded at start (settings, models, the views behind the URLs) lives as long as
# the process: moved out of the garbage collector's sight, a full collection in the middle of a
# request checks only what requests made, and forked workers share these pages of memory
# instead of copying them.
get_resolver().url_patterns  # noqa: B018 (imports every view now, not in the first request)
gc.collect()
gc.freeze()
