/* Service worker: show an order notification; a tap opens the order. */
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {body: event.data.text()}; }
  event.waitUntil(self.registration.showNotification(data.title || "Pasar Ibu", {
    body: data.body || "", data: {url: data.url || "/penjual/"}, tag: data.url || "pasar-ibu"
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(clients.openWindow(event.notification.data.url));
});
