"""Uploads in an S3-compatible object store (MEDIA_STORAGE=s3).

Images must be public and cacheable: their URLs are written into pages and API answers
that partners and CDNs keep, so they carry no signature that would expire. Documents must
stay private: a document in a private collection is only ever served by Wagtail's document
view, which checks the collection's restrictions and streams the object through Django.

Wagtail 8 gives the stock Document model's file field no storage of its own (a second,
private storage would need a custom document model and a migration of every document),
so both live in one bucket and the key prefix tells them apart: Wagtail writes images
under `original_images/`, renditions under `images/`, documents under `documents/`. The
bucket policy (docs/deployment.md) lets anonymous readers get the two image prefixes and
nothing else, so a document object is private whatever its URL. Providers without bucket
policies can use per-object ACLs instead (MEDIA_S3_OBJECT_ACLS): the same rule per object.
"""

from storages.backends.s3 import S3Storage

from django.conf import settings

from .media_files import PUBLIC_CACHE_CONTROL, SERVED_FOLDERS

PUBLIC_PREFIXES = tuple(f"{folder}/" for folder in SERVED_FOLDERS)


class MediaStorage(S3Storage):
    # Plain URLs: a signed one expires, and would break the pages and answers caching it.
    querystring_auth = False
    # Two uploads named logo.png must not replace each other: the first one's URL is cached.
    file_overwrite = False

    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        public = name.startswith(PUBLIC_PREFIXES)
        if public:
            parameters.setdefault("CacheControl", PUBLIC_CACHE_CONTROL)
        else:
            parameters.setdefault("CacheControl", "private, no-store")
        if settings.MEDIA_S3_OBJECT_ACLS:
            parameters["ACL"] = "public-read" if public else "private"
        return parameters
