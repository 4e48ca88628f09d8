// The back office's date pickers (Wagtail's, jQuery datetimepicker) must never change what
// was typed. By default the picker, on leaving the field, replaces text it cannot read
// with the current date and time, and rewrites an impossible date (31/02 becomes 03/03);
// a mouse wheel over the field moves the date. Off: the text goes to the server as typed,
// and the form field reads it or refuses it with a message (dvs.lib.forms.DateField).
// Loaded right after the picker and before any page script (insert_global_admin_js).
(function () {
  "use strict";
  if (window.jQuery && jQuery.fn.datetimepicker) {
    jQuery.extend(jQuery.fn.datetimepicker.defaults, {
      validateOnBlur: false,
      scrollInput: false,
      scrollMonth: false,
      scrollTime: false,
    });
  }
})();
