package dev.shelflife.cli.archfixture;

import com.fasterxml.jackson.core.JsonToken;

/** Breaks "the api depends on the JDK only": it uses a Jackson type. */
public class ApiModel {
    JsonToken token() {
        return JsonToken.START_OBJECT;
    }
}
