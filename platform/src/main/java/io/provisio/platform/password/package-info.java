/** The password policy every service applies to a plain password. */
package io.provisio.platform.password;
