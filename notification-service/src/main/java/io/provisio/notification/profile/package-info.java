/** What the service knows of a customer to address it: administrator, language, names; it also scopes the API. */
package io.provisio.notification.profile;
