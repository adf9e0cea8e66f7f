/**
 * What the service knows of a customer to address it: administrator, language, names, whether it is suspended;
 * it also scopes the API.
 */
package io.provisio.notification.profile;
