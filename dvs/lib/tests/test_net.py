from django.test import RequestFactory, SimpleTestCase, override_settings

from dvs.lib.net import client_ip


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)


class ClientAddressTests(SimpleTestCase):
    def test_without_a_trusted_proxy_a_forged_header_is_ignored(self):
        forged = request(HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_REAL_IP="1.2.3.4")
        self.assertEqual(client_ip(forged), "10.0.0.2")

    @override_settings(TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR")
    def test_behind_the_proxy_the_address_it_appended_is_believed_not_the_clients_own(self):
        # The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
        forwarded = request(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
        self.assertEqual(client_ip(forwarded), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_HEADER="HTTP_X_REAL_IP")
    def test_a_missing_or_garbled_header_falls_back_to_the_connection(self):
        self.assertEqual(client_ip(request(HTTP_X_REAL_IP="203.0.113.7")), "203.0.113.7")
        self.assertEqual(client_ip(request()), "10.0.0.2")
        self.assertEqual(client_ip(request(HTTP_X_REAL_IP="<script>")), "10.0.0.2")
