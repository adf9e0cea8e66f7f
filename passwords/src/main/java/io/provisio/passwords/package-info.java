/**
 * The one password policy: the onboarding's administrator password (customer-service judges it before anything is
 * stored), the activation and setup pages, staff passwords (identity-service). Plain Java over zxcvbn, so a domain or
 * application class may use it.
 */
package io.provisio.passwords;
