package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.InstalledPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnykEcosystemTest {

    @ParameterizedTest(name = "{0} {1}@{2} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            debian:11      | gcc-10/libgcc-s1                     | 10.2.1-6          | deb       | pkg:deb/debian/libgcc-s1@10.2.1-6?distro=debian-11&upstream=gcc-10
            debian:12      | curl                                 | 7.88.1-10+deb12u5 | deb       | pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?distro=debian-12
            ubuntu:22.04   | openssl/libssl3                      | 3.0.2-0ubuntu1.10 | deb       | pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.10?distro=ubuntu-22.04&upstream=openssl
            alpine:3.12    | busybox/ssl_client                   | 1.31.1-r21        | apk       | pkg:apk/alpine/ssl_client@1.31.1-r21?distro=alpine-3.12&upstream=busybox
            sles:15.3      | permissions                          | 20181225-23.6.1   | rpm       | pkg:rpm/sles/permissions@20181225-23.6.1?distro=sles-15.3
            rhel:8         | openssl/openssl-libs                 | 1:1.1.1k-7.el8_6  | rpm       | pkg:rpm/rhel/openssl-libs@1:1.1.1k-7.el8_6?distro=rhel-8&upstream=openssl
            centos:7       | bash                                 | 4.2.46-34.el7     | rpm       | pkg:rpm/centos/bash@4.2.46-34.el7?distro=centos-7
            amzn:2         | glibc/glibc-common                   | 2.26-57.amzn2     | rpm       | pkg:rpm/amzn/glibc-common@2.26-57.amzn2?distro=amzn-2&upstream=glibc
            deb            | zlib/zlib1g                          | 1.2.11            | deb       | -
            npm            | lodash                               | 4.17.20           | npm       | pkg:npm/lodash@4.17.20
            npm            | @babel/traverse                      | 7.22.5            | npm       | pkg:npm/%40babel/traverse@7.22.5
            yarn           | @types/node                          | 20.1.0            | npm       | pkg:npm/%40types/node@20.1.0
            maven          | org.apache.logging.log4j:log4j-core  | 2.14.1            | maven     | pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
            gradle         | com.google.guava:guava               | 31.1-jre          | maven     | pkg:maven/com.google.guava/guava@31.1-jre
            maven          | log4j-core                           | 2.14.1            | maven     | -
            pip            | Django_Rest                          | 3.0.0             | pypi      | pkg:pypi/django-rest@3.0.0
            poetry         | requests                             | 2.28.2            | pypi      | pkg:pypi/requests@2.28.2
            gomodules      | github.com/gin-gonic/gin             | v1.8.1            | golang    | pkg:golang/github.com/gin-gonic/gin@v1.8.1
            nuget          | Newtonsoft.Json                      | 12.0.1            | nuget     | pkg:nuget/Newtonsoft.Json@12.0.1
            rubygems       | rack                                 | 2.2.3             | gem       | pkg:gem/rack@2.2.3
            composer       | Symfony/HTTP-Kernel                  | 5.4.0             | composer  | pkg:composer/symfony/http-kernel@5.4.0
            cocoapods      | Firebase/Core                        | 10.0.0            | cocoapods | pkg:cocoapods/Firebase%2FCore@10.0.0
            hex            | plug                                 | 1.13.0            | hex       | pkg:hex/plug@1.13.0
            cargo          | tokio                                | 1.0.0             | cargo     | pkg:cargo/tokio@1.0.0
            npm            | left pad                             | 1.0.0 beta        | npm       | pkg:npm/left%20pad@1.0.0%20beta
            npm            | naïve                                | 1.0.0             | npm       | pkg:npm/na%C3%AFve@1.0.0
            swift          | Alamofire                            | 5.0.0             | swift     | -
            npm            | lodash                               | -                 | npm       | pkg:npm/lodash
            """)
    void buildsThePackageUrlFromThePackageManager(
            String packageManager, String name, String version, String type, String purl) {
        InstalledPackage pkg = SnykEcosystem.of(packageManager, null).pkg(name, null, version);

        assertThat(pkg.type()).hasValue(type);
        if (purl == null) {
            assertThat(pkg.purl()).isEmpty();
        } else {
            assertThat(pkg.purl()).hasValue(purl);
        }
    }

    @Test
    void fallsBackToTheProjectsPackageManager() {
        assertThat(SnykEcosystem.of(null, "npm").pkg("lodash", null, "4.17.20").purl())
                .hasValue("pkg:npm/lodash@4.17.20");
        assertThat(SnykEcosystem.of("", null).pkg("lodash", null, "4.17.20").type())
                .isEmpty();
    }

    @Test
    void takesTheTypeOfAnUnlistedDistributionFromTheProject() {
        InstalledPackage pkg = SnykEcosystem.of("photon:5.0", "rpm").pkg("openssl", "openssl", "3.0.9-1.ph5");

        assertThat(pkg.purl()).hasValue("pkg:rpm/photon/openssl@3.0.9-1.ph5?distro=photon-5.0");
        assertThat(SnykEcosystem.of("photon:5.0", null)
                        .pkg("openssl", null, "3.0.9")
                        .purl())
                .isEmpty();
    }

    @Test
    void takesTheSourcePackageFromPackageNameWhenTheNameHasNoSlash() {
        InstalledPackage pkg =
                SnykEcosystem.of("sles:15.3", "rpm").pkg("permissions", "permissions", "20181225-23.6.1");

        assertThat(pkg.name()).isEqualTo("permissions");
        assertThat(pkg.sourcePackage()).hasValue("permissions");
        assertThat(SnykEcosystem.of("npm", null).pkg("debug", "debug", "2.6.8").sourcePackage())
                .isEmpty();
    }
}
