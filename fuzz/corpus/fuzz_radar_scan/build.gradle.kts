plugins {
    kotlin("jvm") version "1.9.0"
    id("io.ktor.plugin") version "2.3.0"
}
dependencies {
    implementation("io.ktor:ktor-server-core:2.3.0")
}
