/*
 * radar_catalog.c - the built-in technology catalog and the matcher that
 * indexes it; see radar_catalog.h.
 *
 * The table is data, reviewed like code: one line per technology, its
 * aliases, and the packages, images, files and extensions that give it
 * away. tests/unit/test_radar_catalog.c checks that it has at least 200
 * technologies, every one the seed names, no pattern claimed twice and
 * PyPI names in normalised form. Patterns are matched case-insensitively.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "model/radar.h"
#include "radar_catalog.h"

#define QL "languages-and-frameworks"
#define QT "tools"
#define QP "platforms"
#define QQ "techniques"
#define LANG AG_TECH_LANGUAGE

static const struct ag_tech catalog[] = {
	/* Programming languages: they count toward the language budget. */
	{"C", "Language", QL, LANG, NULL, "c11|c99|c17|c89|c23|ansi c", "ext:.c ext:.h"},
	{"C++", "Language", QL, LANG, NULL, "cpp|cplusplus|c++17|c++20",
	 "ext:.cc ext:.cpp ext:.cxx ext:.hpp ext:.hh ext:.hxx"},
	{"C#", "Language", QL, LANG, NULL, "csharp|c sharp", "ext:.cs"},
	{"Go", "Language", QL, LANG, NULL, "golang",
	 "ext:.go file:.go-version actions:actions/setup-go docker:golang"},
	{"Rust", "Language", QL, LANG, NULL, "rust-lang",
	 "ext:.rs file:rust-toolchain.toml file:rust-toolchain actions:dtolnay/rust-toolchain actions:actions-rs/toolchain docker:rust"},
	{"Java", "Language", QL, LANG, NULL, "jdk|openjdk",
	 "ext:.java file:.java-version actions:actions/setup-java docker:openjdk docker:eclipse-temurin "
	 "docker:amazoncorretto"},
	{"Kotlin", "Language", QL, LANG, NULL, "kt", "ext:.kt maven:org.jetbrains.kotlin*"},
	{"Scala", "Language", QL, LANG, NULL, "", "ext:.scala maven:org.scala-lang:*"},
	{"Groovy", "Language", QL, LANG, NULL, "", "ext:.groovy"},
	{"Python", "Language", QL, LANG, NULL, "py|python3|cpython",
	 "ext:.py file:.python-version actions:actions/setup-python docker:python"},
	{"Ruby", "Language", QL, LANG, NULL, "rb", "ext:.rb file:.ruby-version actions:ruby/setup-ruby docker:ruby"},
	{"PHP", "Language", QL, LANG, NULL, "",
	 "ext:.php composer:php docker:php actions:shivammathur/setup-php"},
	{"JavaScript", "Language", QL, LANG, "JavaScript/TypeScript", "js|ecmascript",
	 "ext:.js ext:.mjs ext:.cjs ext:.jsx"},
	{"TypeScript", "Language", QL, LANG, "JavaScript/TypeScript", "ts",
	 "ext:.ts ext:.tsx ext:.mts ext:.cts npm:typescript"},
	{"Swift", "Language", QL, LANG, NULL, "", "ext:.swift file:package.swift"},
	{"Objective-C", "Language", QL, LANG, NULL, "objc", "ext:.m ext:.mm"},
	{"Dart", "Language", QL, LANG, NULL, "", "ext:.dart file:pubspec.yaml"},
	{"Elixir", "Language", QL, LANG, NULL, "", "ext:.ex ext:.exs file:mix.exs docker:elixir docker:hexpm/elixir actions:erlef/setup-beam"},
	{"Erlang", "Language", QL, LANG, NULL, "", "ext:.erl ext:.hrl file:rebar.config"},
	{"Haskell", "Language", QL, LANG, NULL, "", "ext:.hs file:stack.yaml"},
	{"Clojure", "Language", QL, LANG, NULL, "", "ext:.clj ext:.cljs ext:.cljc file:deps.edn"},
	{"F#", "Language", QL, LANG, NULL, "fsharp", "ext:.fs ext:.fsx"},
	{"OCaml", "Language", QL, LANG, NULL, "", "ext:.ml ext:.mli file:dune-project"},
	{"Lua", "Language", QL, LANG, NULL, "", "ext:.lua"},
	{"Perl", "Language", QL, LANG, NULL, "", "ext:.pl ext:.pm"},
	{"R", "Language", QL, LANG, NULL, "rlang", "ext:.r"},
	{"Julia", "Language", QL, LANG, NULL, "", "ext:.jl"},
	{"Zig", "Language", QL, LANG, NULL, "", "ext:.zig"},
	{"Solidity", "Language", QL, LANG, NULL, "", "ext:.sol"},

	/* Languages that do not count: glue, markup, data. */
	{"Shell", "Scripting", QL, 0, NULL, "bash|sh|shell script|zsh|posix shell",
	 "ext:.sh ext:.bash ext:.zsh"},
	{"PowerShell", "Scripting", QL, 0, NULL, "pwsh", "ext:.ps1 ext:.psm1"},
	{"SQL", "Query language", QL, 0, NULL, "", ""},
	{"HTML", "Markup", QL, 0, NULL, "html5", ""},
	{"CSS", "Markup", QL, 0, NULL, "css3", ""},
	{"Sass", "Markup", QL, 0, NULL, "scss", "npm:sass npm:node-sass"},
	{"YAML", "Data format", QL, 0, NULL, "yml", ""},
	{"Markdown", "Data format", QL, 0, NULL, "md|commonmark", ""},
	{"WebAssembly", "WASM", QL, 0, NULL, "wasm",
	 "ext:.wat cargo:wasm-bindgen npm:@assemblyscript/loader npm:assemblyscript"},
	{"WASI", "WASM", QP, 0, NULL, "webassembly system interface",
	 "cargo:wasi cargo:wit-bindgen"},
	{"GraphQL", "API", QL, 0, NULL, "gql",
	 "ext:.graphql ext:.gql npm:graphql npm:@apollo/server npm:apollo-server "
	 "pypi:graphene pypi:strawberry-graphql go:github.com/99designs/gqlgen "
	 "maven:com.graphql-java:*"},
	{"Protocol Buffers", "API", QL, 0, NULL, "protobuf|proto",
	 "ext:.proto npm:protobufjs npm:google-protobuf pypi:protobuf "
	 "go:google.golang.org/protobuf maven:com.google.protobuf:* nuget:Google.Protobuf hex:protobuf"},
	{"gRPC", "API", QL, 0, NULL, "grpc",
	 "npm:@grpc/grpc-js pypi:grpcio go:google.golang.org/grpc maven:io.grpc:* "
	 "cargo:tonic gem:grpc nuget:Grpc.* hex:grpc"},
	{"OpenAPI", "API", QT, 0, NULL, "swagger",
	 "file:openapi.yaml file:openapi.yml file:openapi.json file:swagger.yaml "
	 "file:swagger.json npm:swagger-ui-express nuget:Microsoft.OpenApi nuget:Microsoft.AspNetCore.OpenApi nuget:Swashbuckle.AspNetCore*"},

	/* Runtimes */
	{"Node.js", "Runtime", QP, 0, NULL, "node|nodejs",
	 "npm:@types/node actions:actions/setup-node docker:node file:.nvmrc "
	 "file:.node-version"},
	{"Deno", "Runtime", QP, 0, NULL, "",
	 "file:deno.json file:deno.jsonc docker:denoland/deno actions:denoland/setup-deno"},
	{"Bun", "Runtime", QP, 0, NULL, "",
	 "file:bun.lockb file:bun.lock npm:bun-types npm:@types/bun docker:oven/bun "
	 "actions:oven-sh/setup-bun"},
	{".NET", "Runtime", QP, 0, NULL, "dotnet|net core|dotnet core",
	 "ext:.csproj ext:.fsproj ext:.sln ext:.slnx file:global.json docker:dotnet/* "
	 "actions:actions/setup-dotnet"},
	{"GraalVM", "Runtime", QP, 0, NULL, "", "docker:graalvm/* actions:graalvm/setup-graalvm"},

	/* Frameworks and libraries */
	{"React", "Web framework", QL, 0, NULL, "reactjs|react.js", "npm:react"},
	{"React Native", "Mobile framework", QL, 0, NULL, "", "npm:react-native"},
	{"Next.js", "Web framework", QL, 0, NULL, "nextjs", "npm:next"},
	{"Vue.js", "Web framework", QL, 0, NULL, "vue|vuejs", "npm:vue ext:.vue"},
	{"Nuxt", "Web framework", QL, 0, NULL, "nuxtjs|nuxt.js", "npm:nuxt"},
	{"Angular", "Web framework", QL, 0, NULL, "", "npm:@angular/core"},
	{"Svelte", "Web framework", QL, 0, NULL, "", "npm:svelte ext:.svelte"},
	{"SvelteKit", "Web framework", QL, 0, NULL, "", "npm:@sveltejs/kit"},
	{"Remix", "Web framework", QL, 0, NULL, "", "npm:@remix-run/*"},
	{"Astro", "Web framework", QL, 0, NULL, "", "npm:astro"},
	{"Express", "Web framework", QL, 0, NULL, "expressjs|express.js", "npm:express"},
	{"Fastify", "Web framework", QL, 0, NULL, "", "npm:fastify"},
	{"NestJS", "Web framework", QL, 0, NULL, "nest", "npm:@nestjs/core"},
	{"Koa", "Web framework", QL, 0, NULL, "", "npm:koa"},
	{"Hono", "Web framework", QL, 0, NULL, "", "npm:hono"},
	{"Django", "Web framework", QL, 0, NULL, "", "pypi:django"},
	{"Flask", "Web framework", QL, 0, NULL, "", "pypi:flask"},
	{"FastAPI", "Web framework", QL, 0, NULL, "", "pypi:fastapi"},
	{"Ruby on Rails", "Web framework", QL, 0, NULL, "rails|ror", "gem:rails"},
	{"Sinatra", "Web framework", QL, 0, NULL, "", "gem:sinatra"},
	{"Spring Boot", "Web framework", QL, 0, NULL, "", "maven:org.springframework.boot*"},
	{"Spring Framework", "Web framework", QL, 0, NULL, "spring",
	 "maven:org.springframework:*"},
	{"Quarkus", "Web framework", QL, 0, NULL, "", "maven:io.quarkus*"},
	{"Micronaut", "Web framework", QL, 0, NULL, "", "maven:io.micronaut*"},
	{"Ktor", "Web framework", QL, 0, NULL, "", "maven:io.ktor*"},
	{"Laravel", "Web framework", QL, 0, NULL, "", "composer:laravel/framework"},
	{"Symfony", "Web framework", QL, 0, NULL, "", "composer:symfony/framework-bundle"},
	{"ASP.NET Core", "Web framework", QL, 0, NULL, "aspnet|aspnetcore",
	 "docker:dotnet/aspnet nuget:Microsoft.AspNetCore.* nuget:Microsoft.NET.Sdk.Web"},
	{"Gin", "Web framework", QL, 0, NULL, "", "go:github.com/gin-gonic/gin"},
	{"Echo", "Web framework", QL, 0, NULL, "", "go:github.com/labstack/echo*"},
	{"Fiber", "Web framework", QL, 0, NULL, "", "go:github.com/gofiber/fiber*"},
	{"Actix Web", "Web framework", QL, 0, NULL, "actix", "cargo:actix-web"},
	{"Axum", "Web framework", QL, 0, NULL, "", "cargo:axum"},
	{"Tokio", "Library", QL, 0, NULL, "", "cargo:tokio"},
	{"Serde", "Library", QL, 0, NULL, "", "cargo:serde"},
	{"Flutter", "Mobile framework", QL, 0, NULL, "", ""},
	{"jQuery", "Library", QL, 0, NULL, "", "npm:jquery"},
	{"Tailwind CSS", "Library", QL, 0, NULL, "tailwind", "npm:tailwindcss hex:tailwind"},
	{"Redux", "Library", QL, 0, NULL, "", "npm:redux npm:@reduxjs/toolkit"},
	{"Electron", "Desktop framework", QL, 0, NULL, "", "npm:electron"},
	{"pandas", "Data library", QL, 0, NULL, "", "pypi:pandas"},
	{"NumPy", "Data library", QL, 0, NULL, "", "pypi:numpy"},
	{"PyTorch", "AI", QL, 0, NULL, "torch", "pypi:torch"},
	{"TensorFlow", "AI", QL, 0, NULL, "", "pypi:tensorflow"},
	{"Hugging Face Transformers", "AI", QL, 0, NULL, "transformers", "pypi:transformers"},
	{"LangChain", "AI", QL, 0, NULL, "",
	 "pypi:langchain pypi:langchain-* npm:langchain npm:@langchain/*"},
	{"LlamaIndex", "AI", QL, 0, NULL, "", "pypi:llama-index pypi:llama-index-* npm:llamaindex"},
	{"OpenAI API", "AI", QP, 0, NULL, "openai", "pypi:openai npm:openai"},
	{"Anthropic API", "AI", QP, 0, NULL, "anthropic|claude api",
	 "pypi:anthropic npm:@anthropic-ai/sdk"},
	{"Vercel AI SDK", "AI", QL, 0, NULL, "", "npm:ai npm:@ai-sdk/*"},
	{"Ollama", "AI", QT, 0, NULL, "", "pypi:ollama npm:ollama docker:ollama/ollama nuget:OllamaSharp nuget:CommunityToolkit.Aspire.OllamaSharp nuget:CommunityToolkit.Aspire.Hosting.Ollama"},
	{"Hibernate", "ORM", QL, 0, NULL, "", "maven:org.hibernate*"},
	{"SQLAlchemy", "ORM", QL, 0, NULL, "", "pypi:sqlalchemy"},
	{"Prisma", "ORM", QL, 0, NULL, "", "npm:prisma npm:@prisma/client"},
	{"TypeORM", "ORM", QL, 0, NULL, "", "npm:typeorm"},
	{"Sequelize", "ORM", QL, 0, NULL, "", "npm:sequelize"},
	{"Drizzle ORM", "ORM", QL, 0, NULL, "drizzle", "npm:drizzle-orm"},
	{"Celery", "Jobs", QL, 0, NULL, "", "pypi:celery"},
	{"Sidekiq", "Jobs", QL, 0, NULL, "", "gem:sidekiq"},
	{"BullMQ", "Jobs", QL, 0, NULL, "bull", "npm:bullmq npm:bull"},
	{"Temporal", "Workflow", QP, 0, NULL, "", "npm:@temporalio/* pypi:temporalio go:go.temporal.io/sdk"},
	{"Pydantic", "Library", QL, 0, NULL, "", "pypi:pydantic"},
	{"Zod", "Library", QL, 0, NULL, "", "npm:zod"},
	{"Axios", "Library", QL, 0, NULL, "", "npm:axios"},
	{"tRPC", "API", QL, 0, NULL, "", "npm:@trpc/server"},
	{"Socket.IO", "Realtime", QL, 0, NULL, "socketio", "npm:socket.io pypi:python-socketio"},
	{"WebSockets", "Realtime", QQ, 0, NULL, "websocket|ws",
	 "npm:ws pypi:websockets go:github.com/gorilla/websocket cargo:tokio-tungstenite"},
	{"Server-Sent Events", "Realtime", QQ, 0, NULL, "sse",
	 "npm:eventsource pypi:sse-starlette"},
	{"CRDTs", "Local-First", QQ, 0, NULL, "crdt|conflict-free replicated data types",
	 "npm:yjs npm:automerge npm:@automerge/* cargo:automerge cargo:yrs"},

	/* Datastores */
	{"PostgreSQL", "OLTP", QP, 0, NULL, "postgres|pg|psql|postgres 17|postgresql 17",
	 "npm:pg npm:pg-promise npm:postgres pypi:psycopg pypi:psycopg2 "
	 "pypi:psycopg2-binary pypi:psycopg-binary pypi:asyncpg go:github.com/lib/pq "
	 "go:github.com/jackc/pgx* cargo:tokio-postgres cargo:postgres gem:pg "
	 "maven:org.postgresql:postgresql composer:ext-pgsql composer:ext-pdo_pgsql "
	 "docker:postgres docker:bitnami/postgresql helm:postgresql helm:postgresql-ha "
	 "actions:ikalnytskyi/action-setup-postgres nuget:Npgsql* nuget:Aspire.Npgsql* nuget:Aspire.Hosting.PostgreSQL hex:postgrex"},
	{"MySQL", "OLTP", QP, 0, NULL, "",
	 "npm:mysql npm:mysql2 pypi:mysqlclient pypi:pymysql "
	 "go:github.com/go-sql-driver/mysql gem:mysql2 maven:mysql:mysql-connector-java "
	 "maven:com.mysql:mysql-connector-j composer:ext-mysqli composer:ext-pdo_mysql "
	 "docker:mysql docker:bitnami/mysql helm:mysql"},
	{"MariaDB", "OLTP", QP, 0, NULL, "",
	 "npm:mariadb docker:mariadb docker:bitnami/mariadb helm:mariadb maven:org.mariadb.jdbc:*"},
	{"SQLite", "OLTP", QP, 0, NULL, "sqlite3",
	 "npm:sqlite3 npm:better-sqlite3 cargo:rusqlite go:github.com/mattn/go-sqlite3 "
	 "gem:sqlite3 maven:org.xerial:sqlite-jdbc nuget:Microsoft.Data.Sqlite*"},
	{"libSQL", "OLTP", QP, 0, NULL, "turso", "npm:@libsql/client"},
	{"Microsoft SQL Server", "OLTP", QP, 0, NULL, "sql server|mssql",
	 "npm:mssql npm:tedious docker:mssql/server maven:com.microsoft.sqlserver:* nuget:Microsoft.Data.SqlClient nuget:System.Data.SqlClient"},
	{"Oracle Database", "OLTP", QP, 0, NULL, "oracle db",
	 "maven:com.oracle.database.jdbc:* pypi:cx-oracle pypi:oracledb"},
	{"CockroachDB", "OLTP", QP, 0, NULL, "", "docker:cockroachdb/cockroach"},
	{"Neon", "OLTP", QP, 0, NULL, "neon serverless postgres",
	 "npm:@neondatabase/serverless terraform:neon"},
	{"Supabase", "OLTP", QP, 0, NULL, "",
	 "npm:@supabase/supabase-js pypi:supabase terraform:supabase file:supabase/config.toml"},
	{"PostGIS", "OLTP", QP, 0, NULL, "", "docker:postgis/postgis"},
	{"MongoDB", "Document store", QP, 0, NULL, "mongo",
	 "npm:mongodb npm:mongoose pypi:pymongo pypi:motor pypi:mongoengine "
	 "go:go.mongodb.org/mongo-driver* cargo:mongodb gem:mongoid gem:mongo "
	 "maven:org.mongodb:* composer:mongodb/mongodb composer:ext-mongodb docker:mongo "
	 "docker:bitnami/mongodb docker:mongodb/mongodb-community-server helm:mongodb "
	 "terraform:mongodbatlas nuget:MongoDB.Driver* hex:mongodb_driver"},
	{"Amazon DynamoDB", "Document store", QP, 0, NULL, "dynamodb",
	 "npm:@aws-sdk/client-dynamodb npm:@aws-sdk/lib-dynamodb pypi:pynamodb "
	 "terraform-resource:aws_dynamodb_table docker:amazon/dynamodb-local nuget:AWSSDK.DynamoDBv2"},
	{"Apache Cassandra", "Wide-column store", QP, 0, NULL, "cassandra",
	 "docker:cassandra npm:cassandra-driver pypi:cassandra-driver helm:cassandra"},
	{"Neo4j", "Graph store", QP, 0, NULL, "", "npm:neo4j-driver pypi:neo4j docker:neo4j"},
	{"Firebase", "Backend as a service", QP, 0, NULL, "",
	 "npm:firebase npm:firebase-admin pypi:firebase-admin"},
	{"Redis", "Caching", QP, 0, NULL, "redis 7",
	 "npm:redis npm:ioredis pypi:redis go:github.com/redis/go-redis* "
	 "go:github.com/go-redis/redis* cargo:redis gem:redis maven:redis.clients:jedis "
	 "maven:io.lettuce:* composer:predis/predis composer:ext-redis docker:redis "
	 "docker:bitnami/redis helm:redis nuget:StackExchange.Redis nuget:Microsoft.Extensions.Caching.StackExchangeRedis nuget:Aspire.StackExchange.Redis* nuget:Aspire.Hosting.Redis hex:redix"},
	{"Valkey", "Caching", QP, 0, NULL, "",
	 "docker:valkey/valkey docker:valkey-io/valkey docker:valkey docker:bitnami/valkey helm:valkey pypi:valkey npm:iovalkey"},
	{"Dragonfly", "Caching", QP, 0, NULL, "dragonflydb",
	 "docker:dragonflydb/dragonfly helm:dragonfly"},
	{"Memcached", "Caching", QP, 0, NULL, "",
	 "docker:memcached npm:memjs pypi:pymemcache helm:memcached composer:ext-memcached"},
	{"Amazon ElastiCache", "Caching", QP, 0, NULL, "elasticache",
	 "terraform-resource:aws_elasticache_cluster "
	 "terraform-resource:aws_elasticache_replication_group "
	 "terraform-resource:aws_elasticache_serverless_cache terraform-resource:aws_elasticache_* terraform-module:terraform-aws-modules/elasticache/aws"},
	{"Elasticsearch", "Search", QP, 0, NULL, "",
	 "npm:@elastic/elasticsearch pypi:elasticsearch docker:elasticsearch "
	 "docker:elasticsearch/elasticsearch helm:elasticsearch "
	 "go:github.com/elastic/go-elasticsearch* maven:co.elastic.clients:* nuget:Elastic.Clients.Elasticsearch nuget:NEST"},
	{"OpenSearch", "Search", QP, 0, NULL, "amazon opensearch",
	 "npm:@opensearch-project/opensearch pypi:opensearch-py "
	 "docker:opensearchproject/opensearch helm:opensearch "
	 "terraform-resource:aws_opensearch_domain terraform-resource:aws_opensearch_* terraform-resource:aws_elasticsearch_domain"},
	{"Algolia", "Search", QP, 0, NULL, "", "npm:algoliasearch pypi:algoliasearch"},
	{"ClickHouse", "OLAP", QP, 0, NULL, "",
	 "npm:@clickhouse/client pypi:clickhouse-connect pypi:clickhouse-driver "
	 "go:github.com/clickhouse/clickhouse-go* docker:clickhouse/clickhouse-server "
	 "docker:clickhouse helm:clickhouse"},
	{"BigQuery", "OLAP", QP, 0, NULL, "google bigquery",
	 "pypi:google-cloud-bigquery npm:@google-cloud/bigquery "
	 "go:cloud.google.com/go/bigquery terraform-resource:google_bigquery_*"},
	{"DuckDB", "OLAP", QP, 0, NULL, "",
	 "pypi:duckdb npm:duckdb npm:@duckdb/node-api cargo:duckdb "
	 "go:github.com/marcboeker/go-duckdb"},
	{"Snowflake", "OLAP", QP, 0, NULL, "",
	 "pypi:snowflake-connector-python npm:snowflake-sdk terraform:snowflake"},
	{"Amazon Redshift", "OLAP", QP, 0, NULL, "redshift",
	 "terraform-resource:aws_redshift_cluster pypi:redshift-connector terraform-resource:aws_redshift_*"},
	{"InfluxDB", "Time series", QP, 0, NULL, "", "docker:influxdb pypi:influxdb-client"},
	{"TimescaleDB", "Time series", QP, 0, NULL, "timescale",
	 "docker:timescale/timescaledb docker:timescale/timescaledb-ha"},
	{"pgvector", "Vector", QP, 0, NULL, "",
	 "npm:pgvector pypi:pgvector docker:pgvector/pgvector docker:ankane/pgvector nuget:Pgvector*"},
	{"Pinecone", "Vector", QP, 0, NULL, "",
	 "npm:@pinecone-database/pinecone pypi:pinecone pypi:pinecone-client"},
	{"Weaviate", "Vector", QP, 0, NULL, "",
	 "npm:weaviate-client npm:weaviate-ts-client pypi:weaviate-client "
	 "docker:semitechnologies/weaviate helm:weaviate"},
	{"Qdrant", "Vector", QP, 0, NULL, "",
	 "pypi:qdrant-client npm:@qdrant/js-client-rest docker:qdrant/qdrant"},
	{"Chroma", "Vector", QP, 0, NULL, "chromadb", "pypi:chromadb npm:chromadb"},
	{"Replicache", "Local-First", QP, 0, NULL, "", "npm:replicache"},
	{"ElectricSQL", "Local-First", QP, 0, NULL, "electric sql|electric",
	 "npm:electric-sql npm:@electric-sql/* docker:electricsql/electric"},
	{"PowerSync", "Local-First", QP, 0, NULL, "", "npm:@powersync/*"},
	{"etcd", "Coordination", QP, 0, NULL, "",
	 "docker:coreos/etcd docker:bitnami/etcd go:go.etcd.io/etcd*"},
	{"Apache ZooKeeper", "Coordination", QP, 0, NULL, "zookeeper",
	 "docker:zookeeper docker:bitnami/zookeeper"},
	{"MinIO", "Object storage", QP, 0, NULL, "", "docker:minio/minio npm:minio pypi:minio"},
	{"Amazon S3", "Object storage", QP, 0, NULL, "s3|aws s3",
	 "npm:@aws-sdk/client-s3 terraform-resource:aws_s3_bucket nuget:AWSSDK.S3 terraform-resource:aws_s3_* terraform-module:terraform-aws-modules/s3-bucket/aws"},
	{"Amazon RDS", "OLTP", QP, 0, NULL, "rds|aurora|amazon aurora",
	 "terraform-resource:aws_db_instance terraform-resource:aws_rds_cluster terraform-resource:aws_rds_* terraform-resource:aws_db_* terraform-module:terraform-aws-modules/rds/aws terraform-module:terraform-aws-modules/rds-aurora/aws"},
	{"Google Cloud SQL", "OLTP", QP, 0, NULL, "cloud sql",
	 "terraform-resource:google_sql_database_instance terraform-resource:google_sql_* terraform-module:terraform-google-modules/sql-db/google"},

	/* Messaging and streaming */
	{"Apache Kafka", "Messaging", QP, 0, NULL, "kafka",
	 "npm:kafkajs pypi:kafka-python pypi:confluent-kafka "
	 "go:github.com/segmentio/kafka-go go:github.com/confluentinc/confluent-kafka-go* "
	 "maven:org.apache.kafka:* cargo:rdkafka gem:ruby-kafka docker:confluentinc/cp-kafka "
	 "docker:bitnami/kafka docker:apache/kafka helm:kafka nuget:Confluent.Kafka hex:brod"},
	{"RabbitMQ", "Messaging", QP, 0, NULL, "amqp",
	 "npm:amqplib pypi:pika pypi:aio-pika go:github.com/rabbitmq/amqp091-go gem:bunny "
	 "maven:com.rabbitmq:* docker:rabbitmq docker:bitnami/rabbitmq helm:rabbitmq nuget:RabbitMQ.Client nuget:Aspire.RabbitMQ.Client nuget:Aspire.Hosting.RabbitMQ"},
	{"NATS", "Messaging", QP, 0, NULL, "",
	 "npm:nats pypi:nats-py go:github.com/nats-io/nats.go docker:nats helm:nats"},
	{"Amazon SQS", "Messaging", QP, 0, NULL, "sqs|aws sqs",
	 "npm:@aws-sdk/client-sqs terraform-resource:aws_sqs_queue docker:softwaremill/elasticmq* nuget:AWSSDK.SQS terraform-resource:aws_sqs_queue_policy"},
	{"Amazon SNS", "Messaging", QP, 0, NULL, "sns|aws sns",
	 "npm:@aws-sdk/client-sns terraform-resource:aws_sns_topic terraform-resource:aws_sns_*"},
	{"Amazon Kinesis", "Messaging", QP, 0, NULL, "kinesis",
	 "npm:@aws-sdk/client-kinesis terraform-resource:aws_kinesis_stream terraform-resource:aws_kinesis_*"},
	{"Amazon EventBridge", "Messaging", QP, 0, NULL, "eventbridge",
	 "terraform-resource:aws_cloudwatch_event_rule terraform-resource:aws_cloudwatch_event_bus "
	 "npm:@aws-sdk/client-eventbridge terraform-resource:aws_cloudwatch_event_* terraform-resource:aws_scheduler_* terraform-resource:aws_pipes_pipe"},
	{"Google Pub/Sub", "Messaging", QP, 0, NULL, "pubsub|cloud pub/sub",
	 "pypi:google-cloud-pubsub npm:@google-cloud/pubsub terraform-resource:google_pubsub_*"},

	/* Clouds, compute and the edge */
	{"AWS", "Cloud", QP, 0, NULL, "amazon web services",
	 "terraform:aws npm:aws-sdk npm:@aws-sdk/* pypi:boto3 pypi:botocore "
	 "go:github.com/aws/aws-sdk-go* maven:software.amazon.awssdk:* maven:com.amazonaws:* "
	 "gem:aws-sdk* cargo:aws-config actions:aws-actions/configure-aws-credentials nuget:AWSSDK.*"},
	{"Google Cloud", "Cloud", QP, 0, NULL, "gcp|google cloud platform",
	 "terraform:google terraform:google-beta npm:@google-cloud/* pypi:google-cloud-* "
	 "go:cloud.google.com/go* actions:google-github-actions/*"},
	{"Microsoft Azure", "Cloud", QP, 0, NULL, "azure",
	 "terraform:azurerm npm:@azure/* pypi:azure-* actions:azure/* nuget:Azure.* nuget:Aspire.Hosting.Azure*"},
	{"AWS Lambda", "Serverless", QP, 0, NULL, "lambda",
	 "terraform-resource:aws_lambda_function npm:@types/aws-lambda "
	 "npm:@aws-lambda-powertools/* pypi:aws-lambda-powertools docker:lambda/* "
	 "go:github.com/aws/aws-lambda-go cargo:lambda_runtime terraform-resource:aws_lambda_* terraform-module:terraform-aws-modules/lambda/aws nuget:Amazon.Lambda.*"},
	{"Google Cloud Run", "Serverless", QP, 0, NULL, "cloud run",
	 "terraform-resource:google_cloud_run_service "
	 "terraform-resource:google_cloud_run_v2_service "
	 "actions:google-github-actions/deploy-cloudrun terraform-resource:google_cloud_run_v2_job"},
	{"Google Cloud Functions", "Serverless", QP, 0, NULL, "cloud functions",
	 "terraform-resource:google_cloudfunctions_function "
	 "terraform-resource:google_cloudfunctions2_function terraform-resource:google_cloudfunctions*"},
	{"Azure Functions", "Serverless", QP, 0, NULL, "",
	 "terraform-resource:azurerm_function_app terraform-resource:azurerm_linux_function_app "
	 "file:host.json terraform-resource:azurerm_windows_function_app"},
	{"Amazon ECS", "Containers", QP, 0, NULL,
	 "ecs|fargate|ecs/fargate|aws fargate|amazon ecs on fargate|ecs on fargate",
	 "terraform-resource:aws_ecs_service terraform-resource:aws_ecs_cluster "
	 "terraform-resource:aws_ecs_task_definition "
	 "actions:aws-actions/amazon-ecs-deploy-task-definition "
	 "actions:aws-actions/amazon-ecs-render-task-definition terraform-resource:aws_ecs_* terraform-module:terraform-aws-modules/ecs/aws"},
	{"Amazon EKS", "Containers", QP, 0, NULL, "eks",
	 "terraform-resource:aws_eks_* terraform-module:terraform-aws-modules/eks/aws"},
	{"Google Kubernetes Engine", "Containers", QP, 0, NULL, "gke",
	 "terraform-resource:google_container_* k8s:cloud.google.com k8s:networking.gke.io "
	 "terraform-module:terraform-google-modules/kubernetes-engine/google"},
	{"Azure Kubernetes Service", "Containers", QP, 0, NULL, "aks",
	 "terraform-resource:azurerm_kubernetes_* terraform-module:azure/aks/azurerm"},
	{"Amazon EC2", "Compute", QP, 0, NULL, "ec2", "terraform-resource:aws_instance terraform-resource:aws_launch_template "
	 "terraform-resource:aws_ami terraform-resource:aws_ec2_* terraform-resource:aws_placement_group "
	 "terraform-resource:aws_key_pair terraform-module:terraform-aws-modules/ec2-instance/aws"},
	{"Amazon API Gateway", "API", QP, 0, NULL, "api gateway",
	 "terraform-resource:aws_api_gateway_rest_api terraform-resource:aws_apigatewayv2_api terraform-resource:aws_api_gateway_* terraform-resource:aws_apigatewayv2_*"},
	{"Amazon CloudFront", "CDN", QP, 0, NULL, "cloudfront",
	 "terraform-resource:aws_cloudfront_distribution terraform-resource:aws_cloudfront_*"},
	{"AWS Step Functions", "Workflow", QP, 0, NULL, "step functions",
	 "terraform-resource:aws_sfn_state_machine terraform-resource:aws_sfn_*"},
	{"Kubernetes", "Containers", QP, 0, NULL, "k8s",
	 "terraform:kubernetes terraform-resource:kubernetes_* "
	 "npm:@kubernetes/client-node "
	 "pypi:kubernetes go:k8s.io/client-go actions:azure/k8s-deploy"},
	{"Helm", "Containers", QT, 0, NULL, "helm charts",
	 "file:chart.yaml actions:azure/setup-helm terraform:helm"},
	{"Docker", "Containers", QT, 0, NULL, "containers",
	 "file:dockerfile file:containerfile file:.dockerignore "
	 "actions:docker/build-push-action actions:docker/setup-buildx-action "
	 "actions:docker/login-action"},
	{"Docker Compose", "Containers", QT, 0, NULL, "docker-compose|compose",
	 "file:docker-compose.yml file:docker-compose.yaml file:compose.yml file:compose.yaml"},
	{"Cloudflare Workers", "Edge", QP, 0, NULL, "workers",
	 "file:wrangler.toml file:wrangler.json file:wrangler.jsonc npm:wrangler "
	 "npm:@cloudflare/workers-types terraform-resource:cloudflare_worker_script "
	 "terraform-resource:cloudflare_workers_script actions:cloudflare/wrangler-action terraform-resource:cloudflare_workers_*"},
	{"Cloudflare", "CDN", QP, 0, NULL, "", "terraform:cloudflare"},
	{"Vercel", "Hosting", QP, 0, NULL, "", "file:vercel.json npm:vercel terraform:vercel"},
	{"Vercel Edge", "Edge", QP, 0, NULL, "vercel edge functions|edge runtime",
	 "npm:@vercel/edge npm:@vercel/edge-config"},
	{"Fastly Compute", "Edge", QP, 0, NULL, "compute@edge|fastly compute@edge",
	 "file:fastly.toml npm:@fastly/js-compute cargo:fastly "
	 "terraform-resource:fastly_service_compute"},
	{"Fastly", "CDN", QP, 0, NULL, "", "terraform:fastly"},
	{"Netlify", "Hosting", QP, 0, NULL, "", "file:netlify.toml npm:netlify-cli"},
	{"Fly.io", "Containers", QP, 0, NULL, "fly", "file:fly.toml actions:superfly/flyctl-actions*"},
	{"Heroku", "Hosting", QP, 0, NULL, "", "file:procfile terraform:heroku"},
	{"Spin", "WASM", QP, 0, NULL, "fermyon spin|spin (fermyon)|fermyon",
	 "file:spin.toml cargo:spin-sdk npm:@fermyon/spin-sdk "
	 "go:github.com/fermyon/spin/sdk/go* pypi:spin-sdk"},
	{"wasmCloud", "WASM", QP, 0, NULL, "",
	 "file:wadm.yaml cargo:wasmcloud-* docker:wasmcloud/wasmcloud"},
	{"Wasmtime", "WASM", QP, 0, NULL, "", "cargo:wasmtime pypi:wasmtime"},
	{"Serverless Framework", "Serverless", QT, 0, NULL, "",
	 "file:serverless.yml file:serverless.yaml npm:serverless"},

	/* Infrastructure as code, delivery, networking */
	{"Terraform", "Infrastructure as code", QT, 0, NULL, "hcl|hashicorp terraform",
	 "ext:.tf file:.terraform.lock.hcl actions:hashicorp/setup-terraform"},
	{"OpenTofu", "Infrastructure as code", QT, 0, NULL, "tofu",
	 "actions:opentofu/setup-opentofu"},
	{"Pulumi", "Infrastructure as code", QT, 0, NULL, "",
	 "npm:@pulumi/* pypi:pulumi file:pulumi.yaml"},
	{"AWS CDK", "Infrastructure as code", QT, 0, NULL, "cdk",
	 "npm:aws-cdk npm:aws-cdk-lib pypi:aws-cdk-lib file:cdk.json"},
	{"AWS CloudFormation", "Infrastructure as code", QT, 0, NULL, "cloudformation", ""},
	{"Ansible", "Infrastructure as code", QT, 0, NULL, "", "pypi:ansible file:ansible.cfg"},
	{"Argo CD", "Delivery", QT, 0, NULL, "argocd", "helm:argo-cd docker:argoproj/argocd k8s:argoproj.io k8s:argoproj.io/Application "
	 "k8s:argoproj.io/ApplicationSet k8s:argoproj.io/AppProject"},
	{"Nginx", "Networking", QP, 0, NULL, "",
	 "docker:nginx docker:nginxinc/* helm:ingress-nginx file:nginx.conf"},
	{"Traefik", "Networking", QP, 0, NULL, "", "docker:traefik helm:traefik k8s:traefik.io k8s:traefik.containo.us"},
	{"Envoy", "Networking", QP, 0, NULL, "", "docker:envoyproxy/envoy*"},
	{"Istio", "Networking", QP, 0, NULL, "", "helm:istiod helm:istio-* docker:istio/* k8s:networking.istio.io "
	 "k8s:security.istio.io k8s:install.istio.io k8s:telemetry.istio.io"},
	{"HashiCorp Vault", "Security", QT, 0, NULL, "vault",
	 "docker:hashicorp/vault docker:vault helm:vault terraform:vault"},
	{"HashiCorp Consul", "Networking", QP, 0, NULL, "consul",
	 "docker:hashicorp/consul helm:consul"},
	{"Keycloak", "Auth", QP, 0, NULL, "", "docker:keycloak/keycloak helm:keycloak"},

	/* Bought capabilities the seed names (Buy vs Build) */
	{"Auth0", "Auth", QP, 0, NULL, "",
	 "npm:auth0 npm:@auth0/* pypi:auth0-python terraform:auth0 gem:omniauth-auth0"},
	{"Okta", "Auth", QP, 0, NULL, "", "npm:@okta/* terraform:okta"},
	{"Clerk", "Auth", QP, 0, NULL, "", "npm:@clerk/*"},
	{"Stream", "Chat", QP, 0, NULL, "stream.io|getstream|stream chat",
	 "npm:stream-chat npm:getstream pypi:stream-chat pypi:getstream"},
	{"Stripe", "Payments", QP, 0, NULL, "",
	 "npm:stripe npm:@stripe/* pypi:stripe gem:stripe go:github.com/stripe/stripe-go* "
	 "composer:stripe/stripe-php maven:com.stripe:* nuget:Stripe.net"},
	{"Twilio", "Messaging API", QP, 0, NULL, "", "npm:twilio pypi:twilio"},
	{"Postmark", "Email", QP, 0, NULL, "", "npm:postmark pypi:postmarker"},
	{"SendGrid", "Email", QP, 0, NULL, "", "npm:@sendgrid/mail pypi:sendgrid"},
	{"LaunchDarkly", "Feature flags", QT, 0, NULL, "",
	 "npm:launchdarkly-node-server-sdk npm:@launchdarkly/* pypi:launchdarkly-server-sdk"},

	/* Observability */
	{"OpenTelemetry", "Observability standard", QT, 0, NULL, "otel",
	 "npm:@opentelemetry/* pypi:opentelemetry-* go:go.opentelemetry.io/otel* "
	 "maven:io.opentelemetry* cargo:opentelemetry* gem:opentelemetry-* "
	 "docker:otel/opentelemetry-collector* helm:opentelemetry-collector "
	 "helm:opentelemetry-operator nuget:OpenTelemetry* hex:opentelemetry*"},
	{"Jaeger", "Tracing", QT, 0, NULL, "", "docker:jaegertracing/* helm:jaeger k8s:jaegertracing.io"},
	{"Grafana Tempo", "Tracing", QT, 0, NULL, "tempo",
	 "docker:grafana/tempo helm:tempo helm:tempo-distributed"},
	{"Honeycomb", "APM", QT, 0, NULL, "",
	 "npm:@honeycombio/* pypi:honeycomb-* go:github.com/honeycombio/*"},
	{"Datadog", "APM", QT, 0, NULL, "datadog apm",
	 "npm:dd-trace pypi:ddtrace go:gopkg.in/datadog/dd-trace-go* "
	 "go:github.com/datadog/dd-trace-go* gem:ddtrace gem:datadog docker:datadog/agent "
	 "helm:datadog terraform:datadog maven:com.datadoghq:*"},
	{"New Relic", "APM", QT, 0, NULL, "newrelic",
	 "npm:newrelic pypi:newrelic gem:newrelic_rpm go:github.com/newrelic/go-agent* "
	 "helm:newrelic-* terraform:newrelic"},
	{"Sentry", "APM", QT, 0, NULL, "",
	 "npm:@sentry/* pypi:sentry-sdk gem:sentry-ruby go:github.com/getsentry/sentry-go "
	 "maven:io.sentry:* nuget:Sentry*"},
	{"Grafana Loki", "Logs", QT, 0, NULL, "loki",
	 "docker:grafana/loki helm:loki helm:loki-stack"},
	{"Amazon CloudWatch", "Logs", QT, 0, NULL, "cloudwatch|cloudwatch billing",
	 "terraform-resource:aws_cloudwatch_* npm:@aws-sdk/client-cloudwatch "
	 "npm:@aws-sdk/client-cloudwatch-logs"},
	{"Mezmo", "Logs", QT, 0, NULL, "logdna",
	 "npm:@logdna/logger npm:logdna pypi:logdna"},
	{"Fluent Bit", "Logs", QT, 0, NULL, "fluentbit", "docker:fluent/fluent-bit helm:fluent-bit"},
	{"Prometheus", "Metrics", QT, 0, NULL, "promtool",
	 "docker:prom/prometheus docker:prometheus/prometheus helm:prometheus helm:kube-prometheus-stack npm:prom-client "
	 "pypi:prometheus-client go:github.com/prometheus/client_golang maven:io.prometheus:* "
	 "gem:prometheus-client cargo:prometheus nuget:prometheus-net*"},
	{"Grafana", "Metrics", QT, 0, NULL, "",
	 "docker:grafana/grafana helm:grafana terraform:grafana"},
	{"OpenSLO", "SLOs", QT, 0, NULL, "", ""},
	{"Sloth", "SLOs", QT, 0, NULL, "", "docker:slok/sloth"},
	{"Pyrra", "SLOs", QT, 0, NULL, "", "docker:pyrra-dev/pyrra"},

	/* Cost */
	{"Infracost", "Budget Alerts", QT, 0, NULL, "",
	 "actions:infracost/actions* file:infracost.yml docker:infracost/infracost"},
	{"KEDA", "Auto-scaling", QP, 0, NULL, "", "helm:keda docker:kedacore/* k8s:keda.sh"},
	{"AWS Auto Scaling", "Auto-scaling", QP, 0, NULL, "auto scaling",
	 "terraform-resource:aws_autoscaling_group terraform-resource:aws_autoscaling_policy "
	 "terraform-resource:aws_appautoscaling_target "
	 "terraform-resource:aws_appautoscaling_policy"},
	{"Karpenter", "Auto-scaling", QP, 0, NULL, "",
	 "helm:karpenter k8s:karpenter.sh k8s:karpenter.k8s.aws "
	 "terraform-module:terraform-aws-modules/eks/aws/modules/karpenter"},
	{"Spot instances", "FinOps", QQ, 0, NULL, "spot",
	 "terraform-resource:aws_spot_instance_request terraform-resource:aws_spot_fleet_request"},
	{"Reserved capacity", "FinOps", QQ, 0, NULL, "reserved instances|savings plans", ""},
	{"AWS Budgets", "Budget Alerts", QT, 0, NULL, "", "terraform-resource:aws_budgets_budget"},

	/* Build, packaging, CI */
	{"GitHub Actions", "CI/CD", QT, 0, NULL, "gha", "file:.github/workflows"},
	{"GitLab CI", "CI/CD", QT, 0, NULL, "", "file:.gitlab-ci.yml"},
	{"Jenkins", "CI/CD", QT, 0, NULL, "", "file:jenkinsfile docker:jenkins/jenkins"},
	{"CircleCI", "CI/CD", QT, 0, NULL, "", "file:.circleci/config.yml"},
	{"Azure Pipelines", "CI/CD", QT, 0, NULL, "", "file:azure-pipelines.yml"},
	{"Bitbucket Pipelines", "CI/CD", QT, 0, NULL, "", "file:bitbucket-pipelines.yml"},
	{"Dependabot", "Dependencies", QT, 0, NULL, "", "file:.github/dependabot.yml"},
	{"Renovate", "Dependencies", QT, 0, NULL, "", "file:renovate.json file:.renovaterc"},
	{"pre-commit", "Quality", QT, 0, NULL, "", "file:.pre-commit-config.yaml"},
	{"Make", "Build", QT, 0, NULL, "gnu make|makefile", "file:makefile file:gnumakefile"},
	{"CMake", "Build", QT, 0, NULL, "", "file:cmakelists.txt ext:.cmake"},
	{"Ninja", "Build", QT, 0, NULL, "", "file:build.ninja"},
	{"Meson", "Build", QT, 0, NULL, "", "file:meson.build"},
	{"Bazel", "Build", QT, 0, NULL, "",
	 "file:workspace file:module.bazel file:build.bazel ext:.bzl"},
	{"Maven", "Build", QT, 0, NULL, "apache maven", "file:pom.xml"},
	{"Gradle", "Build", QT, 0, NULL, "",
	 "file:build.gradle file:build.gradle.kts file:settings.gradle "
	 "file:settings.gradle.kts file:gradlew"},
	{"npm", "Packaging", QT, 0, NULL, "", "file:package-lock.json file:npm-shrinkwrap.json"},
	{"Yarn", "Packaging", QT, 0, NULL, "", "file:yarn.lock"},
	{"pnpm", "Packaging", QT, 0, NULL, "", "file:pnpm-lock.yaml file:pnpm-workspace.yaml"},
	{"Poetry", "Packaging", QT, 0, NULL, "", "file:poetry.lock"},
	{"uv", "Packaging", QT, 0, NULL, "", "file:uv.lock"},
	{"Pipenv", "Packaging", QT, 0, NULL, "", "file:pipfile"},
	{"Composer", "Packaging", QT, 0, NULL, "", "file:composer.json"},
	{"Bundler", "Packaging", QT, 0, NULL, "", "file:gemfile"},
	{"Turborepo", "Build", QT, 0, NULL, "turbo", "npm:turbo file:turbo.json"},
	{"Nx", "Build", QT, 0, NULL, "", "npm:nx file:nx.json"},
	{"Lerna", "Build", QT, 0, NULL, "", "npm:lerna file:lerna.json"},
	{"Webpack", "Build", QT, 0, NULL, "", "npm:webpack"},
	{"Vite", "Build", QT, 0, NULL, "", "npm:vite"},
	{"esbuild", "Build", QT, 0, NULL, "", "npm:esbuild hex:esbuild"},
	{"Babel", "Build", QT, 0, NULL, "", "npm:@babel/core"},

	/* Quality and testing */
	{"ESLint", "Quality", QT, 0, NULL, "", "npm:eslint"},
	{"Prettier", "Quality", QT, 0, NULL, "", "npm:prettier"},
	{"Biome", "Quality", QT, 0, NULL, "", "npm:@biomejs/biome"},
	{"Ruff", "Quality", QT, 0, NULL, "", "pypi:ruff"},
	{"Black", "Quality", QT, 0, NULL, "", "pypi:black"},
	{"mypy", "Quality", QT, 0, NULL, "", "pypi:mypy"},
	{"Spectral", "Quality", QT, 0, NULL, "",
	 "npm:@stoplight/spectral-cli file:.spectral.yaml file:.spectral.yml"},
	{"SonarQube", "Quality", QT, 0, NULL, "sonarcloud", "actions:sonarsource/* docker:sonarqube"},
	{"CodeQL", "Security", QT, 0, NULL, "", "actions:github/codeql-action*"},
	{"Trivy", "Security", QT, 0, NULL, "", "actions:aquasecurity/trivy-action docker:aquasec/trivy"},
	{"Snyk", "Security", QT, 0, NULL, "", "actions:snyk/actions* npm:snyk"},
	{"Jest", "Testing", QT, 0, NULL, "", "npm:jest"},
	{"Vitest", "Testing", QT, 0, NULL, "", "npm:vitest"},
	{"Mocha", "Testing", QT, 0, NULL, "", "npm:mocha"},
	{"Cypress", "Testing", QT, 0, NULL, "", "npm:cypress"},
	{"Playwright", "Testing", QT, 0, NULL, "", "npm:@playwright/test npm:playwright pypi:playwright"},
	{"Storybook", "Testing", QT, 0, NULL, "", "npm:storybook npm:@storybook/*"},
	{"pytest", "Testing", QT, 0, NULL, "", "pypi:pytest"},
	{"RSpec", "Testing", QT, 0, NULL, "", "gem:rspec gem:rspec-rails"},
	{"JUnit", "Testing", QT, 0, NULL, "junit5", "maven:org.junit* maven:junit:junit"},
	{"Mockito", "Testing", QT, 0, NULL, "", "maven:org.mockito:*"},
	{"PHPUnit", "Testing", QT, 0, NULL, "", "composer:phpunit/phpunit"},
	{"Testcontainers", "Testing", QT, 0, NULL, "",
	 "maven:org.testcontainers:* npm:testcontainers pypi:testcontainers "
	 "go:github.com/testcontainers/testcontainers-go*"},
	{"Lombok", "Library", QL, 0, NULL, "", "maven:org.projectlombok:lombok"},
	{"Flyway", "Migrations", QT, 0, NULL, "", "maven:org.flywaydb:* docker:flyway/flyway"},
	{"Liquibase", "Migrations", QT, 0, NULL, "", "maven:org.liquibase:*"},
	{"Alembic", "Migrations", QT, 0, NULL, "", "pypi:alembic"},
	{"Gunicorn", "Web server", QT, 0, NULL, "", "pypi:gunicorn"},
	{"Uvicorn", "Web server", QT, 0, NULL, "", "pypi:uvicorn"},
	{"Puma", "Web server", QT, 0, NULL, "", "gem:puma"},
	{"Jupyter", "Data tool", QT, 0, NULL, "jupyter notebook", "ext:.ipynb"},
	{"Apache Spark", "Data processing", QP, 0, NULL, "spark|pyspark",
	 "pypi:pyspark maven:org.apache.spark:*"},
	{"Apache Airflow", "Data processing", QT, 0, NULL, "airflow",
	 "pypi:apache-airflow docker:apache/airflow helm:airflow"},
	{"Apache Flink", "Data processing", QP, 0, NULL, "flink",
	 "maven:org.apache.flink:* pypi:apache-flink"},
	{"dbt", "Data processing", QT, 0, NULL, "", "pypi:dbt-core file:dbt_project.yml"},
	{"Backstage", "Developer portal", QT, 0, NULL, "", "npm:@backstage/* file:catalog-info.yaml"},
	{"adr-tools", "Decision records", QT, 0, NULL, "", "file:.adr-dir"},
	{"log4brains", "Decision records", QT, 0, NULL, "", "npm:log4brains"},

	/* Kubernetes ecosystem: API groups (k8s:group, k8s:group/Kind), charts */
	{"Kustomize", "Containers", QT, 0, NULL, "kustomization",
	 "k8s:kustomize.config.k8s.io actions:imranismail/setup-kustomize"},
	{"Skaffold", "Containers", QT, 0, NULL, "", "file:skaffold.yaml file:skaffold.yml k8s:skaffold"},
	{"Argo Rollouts", "Delivery", QT, 0, NULL, "",
	 "k8s:argoproj.io/Rollout k8s:argoproj.io/AnalysisTemplate helm:argo-rollouts"},
	{"Argo Workflows", "Workflow", QT, 0, NULL, "",
	 "k8s:argoproj.io/Workflow k8s:argoproj.io/WorkflowTemplate "
	 "k8s:argoproj.io/CronWorkflow helm:argo-workflows"},
	{"Flux", "Delivery", QT, 0, NULL, "fluxcd",
	 "k8s:source.toolkit.fluxcd.io k8s:helm.toolkit.fluxcd.io "
	 "k8s:kustomize.toolkit.fluxcd.io k8s:notification.toolkit.fluxcd.io"},
	{"cert-manager", "Security", QT, 0, NULL, "certmanager",
	 "k8s:cert-manager.io k8s:acme.cert-manager.io helm:cert-manager "
	 "docker:jetstack/cert-manager-*"},
	{"Knative", "Serverless", QP, 0, NULL, "",
	 "k8s:serving.knative.dev k8s:eventing.knative.dev k8s:sources.knative.dev "
	 "k8s:messaging.knative.dev"},
	{"Kubernetes Gateway API", "Networking", QP, 0, NULL, "gateway api",
	 "k8s:gateway.networking.k8s.io"},
	{"Prometheus Operator", "Metrics", QT, 0, NULL, "", "k8s:monitoring.coreos.com"},
	{"Tekton", "CI/CD", QT, 0, NULL, "", "k8s:tekton.dev k8s:triggers.tekton.dev"},
	{"Crossplane", "Infrastructure as code", QT, 0, NULL, "",
	 "k8s:pkg.crossplane.io k8s:apiextensions.crossplane.io helm:crossplane"},
	{"Linkerd", "Networking", QP, 0, NULL, "",
	 "k8s:linkerd.io k8s:policy.linkerd.io helm:linkerd-control-plane helm:linkerd2"},
	{"Cilium", "Networking", QP, 0, NULL, "", "k8s:cilium.io helm:cilium docker:cilium/cilium"},
	{"External Secrets", "Security", QT, 0, NULL, "external secrets operator",
	 "k8s:external-secrets.io helm:external-secrets"},
	{"Sealed Secrets", "Security", QT, 0, NULL, "", "k8s:bitnami.com helm:sealed-secrets"},
	{"Velero", "Backup", QT, 0, NULL, "", "k8s:velero.io helm:velero"},
	{"Kyverno", "Security", QT, 0, NULL, "", "k8s:kyverno.io helm:kyverno"},
	{"OPA Gatekeeper", "Security", QT, 0, NULL, "gatekeeper",
	 "k8s:templates.gatekeeper.sh k8s:constraints.gatekeeper.sh helm:gatekeeper"},
	{"Strimzi", "Messaging", QP, 0, NULL, "", "k8s:kafka.strimzi.io helm:strimzi-kafka-operator"},
	{"CloudNativePG", "OLTP", QP, 0, NULL, "cnpg", "k8s:postgresql.cnpg.io helm:cloudnative-pg"},
	{"OpenTelemetry Operator", "Observability standard", QT, 0, NULL, "",
	 "k8s:opentelemetry.io"},
	{"ingress-nginx", "Networking", QP, 0, NULL, "nginx ingress controller",
	 "docker:ingress-nginx/controller"},
	{"Docker Swarm", "Containers", QP, 0, NULL, "swarm",
	 "file:docker-stack.yml file:docker-stack.yaml"},
	{"Jsonnet", "Configuration", QL, 0, NULL, "", "ext:.jsonnet ext:.libsonnet"},
	{"Nix", "Build", QT, 0, NULL, "nixos", "file:flake.nix file:shell.nix ext:.nix docker:nixos/nix"},
	{"WordPress", "CMS", QP, 0, NULL, "", "helm:wordpress docker:wordpress docker:bitnami/wordpress"},
	{"Alpine Linux", "Base image", QP, 0, NULL, "alpine", "docker:alpine"},
	{"Debian", "Base image", QP, 0, NULL, "", "docker:debian"},
	{"Ubuntu", "Base image", QP, 0, NULL, "", "docker:ubuntu"},
	{"BusyBox", "Base image", QP, 0, NULL, "", "docker:busybox"},
	{"Distroless", "Base image", QP, 0, NULL, "", "docker:distroless/*"},
	{"flagd", "Feature flags", QT, 0, NULL, "", "docker:open-feature/flagd"},
	{"OpenFeature", "Feature flags", QT, 0, NULL, "",
	 "npm:@openfeature/* pypi:openfeature-* go:github.com/open-feature/* "
	 "maven:dev.openfeature* cargo:open-feature* gem:openfeature-* nuget:OpenFeature*"},
	{"k6", "Testing", QT, 0, NULL, "grafana k6", "docker:grafana/k6 npm:k6 file:k6.config.js"},

	/* Cloud services, by Terraform resource and module */
	{"AWS IAM", "Security", QP, 0, NULL, "iam|aws identity and access management",
	 "terraform-resource:aws_iam_* terraform-module:terraform-aws-modules/iam/aws"},
	{"AWS KMS", "Security", QP, 0, NULL, "kms",
	 "terraform-resource:aws_kms_* terraform-module:terraform-aws-modules/kms/aws"},
	{"Amazon VPC", "Networking", QP, 0, NULL, "vpc|aws vpc",
	 "terraform-resource:aws_vpc* terraform-resource:aws_subnet "
	 "terraform-resource:aws_nat_gateway terraform-resource:aws_internet_gateway "
	 "terraform-resource:aws_route terraform-resource:aws_route_table* "
	 "terraform-resource:aws_security_group* terraform-resource:aws_eip "
	 "terraform-module:terraform-aws-modules/vpc/aws "
	 "terraform-module:terraform-aws-modules/security-group/aws"},
	{"AWS Systems Manager", "Operations", QP, 0, NULL, "ssm",
	 "terraform-resource:aws_ssm_*"},
	{"AWS Secrets Manager", "Security", QP, 0, NULL, "",
	 "terraform-resource:aws_secretsmanager_* npm:@aws-sdk/client-secrets-manager"},
	{"Amazon ECR", "Containers", QP, 0, NULL, "ecr",
	 "terraform-resource:aws_ecr_* terraform-resource:aws_ecrpublic_* "
	 "actions:aws-actions/amazon-ecr-login terraform-module:terraform-aws-modules/ecr/aws"},
	{"Amazon Route 53", "Networking", QP, 0, NULL, "route53|route 53",
	 "terraform-resource:aws_route53_*"},
	{"Elastic Load Balancing", "Networking", QP, 0, NULL, "elb|alb|nlb|aws alb",
	 "terraform-resource:aws_lb terraform-resource:aws_lb_* terraform-resource:aws_alb* "
	 "terraform-resource:aws_elb terraform-module:terraform-aws-modules/alb/aws"},
	{"Amazon EFS", "Storage", QP, 0, NULL, "efs", "terraform-resource:aws_efs_*"},
	{"Amazon Cognito", "Auth", QP, 0, NULL, "cognito", "terraform-resource:aws_cognito_*"},
	{"Amazon MSK", "Messaging", QP, 0, NULL, "msk", "terraform-resource:aws_msk_*"},
	{"Amazon MQ", "Messaging", QP, 0, NULL, "", "terraform-resource:aws_mq_*"},
	{"AWS WAF", "Security", QP, 0, NULL, "waf", "terraform-resource:aws_wafv2_* terraform-resource:aws_waf_*"},
	{"AWS Certificate Manager", "Security", QP, 0, NULL, "acm", "terraform-resource:aws_acm_*"},
	{"AWS Glue", "Data processing", QP, 0, NULL, "glue", "terraform-resource:aws_glue_*"},
	{"Amazon Athena", "OLAP", QP, 0, NULL, "athena", "terraform-resource:aws_athena_*"},
	{"Amazon DocumentDB", "Document store", QP, 0, NULL, "documentdb",
	 "terraform-resource:aws_docdb_*"},
	{"Amazon Neptune", "Graph store", QP, 0, NULL, "neptune", "terraform-resource:aws_neptune_*"},
	{"Amazon MemoryDB", "Caching", QP, 0, NULL, "memorydb", "terraform-resource:aws_memorydb_*"},
	{"AWS CodePipeline", "CI/CD", QT, 0, NULL, "codepipeline|codebuild",
	 "terraform-resource:aws_codepipeline* terraform-resource:aws_codebuild_*"},
	{"AWS AppSync", "API", QP, 0, NULL, "appsync", "terraform-resource:aws_appsync_*"},
	{"AWS X-Ray", "Tracing", QT, 0, NULL, "xray|x-ray", "terraform-resource:aws_xray_*"},
	{"Amazon GuardDuty", "Security", QT, 0, NULL, "guardduty", "terraform-resource:aws_guardduty_*"},
	{"AWS Backup", "Backup", QT, 0, NULL, "", "terraform-resource:aws_backup_*"},
	{"AWS Batch", "Compute", QP, 0, NULL, "", "terraform-resource:aws_batch_*"},
	{"Memorystore", "Caching", QP, 0, NULL, "google memorystore|cloud memorystore",
	 "terraform-resource:google_redis_* terraform-resource:google_memcache_* "
	 "terraform-module:terraform-google-modules/memorystore/google"},
	{"Cloud Spanner", "OLTP", QP, 0, NULL, "spanner|google cloud spanner",
	 "terraform-resource:google_spanner_* nuget:Google.Cloud.Spanner.* "
	 "go:cloud.google.com/go/spanner pypi:google-cloud-spanner npm:@google-cloud/spanner "
	 "maven:com.google.cloud:google-cloud-spanner*"},
	{"AlloyDB", "OLTP", QP, 0, NULL, "alloydb for postgresql",
	 "terraform-resource:google_alloydb_* go:cloud.google.com/go/alloydbconn "
	 "go:cloud.google.com/go/alloydb* pypi:langchain-google-alloydb-pg "
	 "pypi:google-cloud-alloydb-connector"},
	{"Google Cloud Storage", "Object storage", QP, 0, NULL, "gcs|cloud storage",
	 "terraform-resource:google_storage_* pypi:google-cloud-storage "
	 "npm:@google-cloud/storage go:cloud.google.com/go/storage"},
	{"Cloud Bigtable", "Wide-column store", QP, 0, NULL, "bigtable",
	 "terraform-resource:google_bigtable_* pypi:google-cloud-bigtable "
	 "go:cloud.google.com/go/bigtable"},
	{"Firestore", "Document store", QP, 0, NULL, "cloud firestore",
	 "terraform-resource:google_firestore_* pypi:google-cloud-firestore "
	 "npm:@google-cloud/firestore go:cloud.google.com/go/firestore"},
	{"Google Compute Engine", "Compute", QP, 0, NULL, "gce|compute engine",
	 "terraform-resource:google_compute_instance* terraform-resource:google_compute_disk"},
	{"Google Cloud VPC", "Networking", QP, 0, NULL, "gcp vpc",
	 "terraform-resource:google_compute_network terraform-resource:google_compute_subnetwork "
	 "terraform-resource:google_compute_firewall terraform-resource:google_compute_router* "
	 "terraform-module:terraform-google-modules/network/google"},
	{"Google Secret Manager", "Security", QP, 0, NULL, "secret manager",
	 "terraform-resource:google_secret_manager_* pypi:google-cloud-secret-manager "
	 "go:cloud.google.com/go/secretmanager nuget:Google.Cloud.SecretManager.* "
	 "npm:@google-cloud/secret-manager"},
	{"Google Cloud KMS", "Security", QP, 0, NULL, "cloud kms", "terraform-resource:google_kms_*"},
	{"Google Artifact Registry", "Containers", QP, 0, NULL, "artifact registry",
	 "terraform-resource:google_artifact_registry_*"},
	{"Google Cloud DNS", "Networking", QP, 0, NULL, "cloud dns", "terraform-resource:google_dns_*"},
	{"Google Cloud Monitoring", "Metrics", QT, 0, NULL, "cloud monitoring|stackdriver",
	 "terraform-resource:google_monitoring_* pypi:google-cloud-monitoring "
	 "go:cloud.google.com/go/monitoring"},
	{"Google Cloud Logging", "Logs", QT, 0, NULL, "cloud logging",
	 "terraform-resource:google_logging_* pypi:google-cloud-logging "
	 "npm:@google-cloud/logging go:cloud.google.com/go/logging"},
	{"Google Cloud Trace", "Tracing", QT, 0, NULL, "cloud trace",
	 "pypi:google-cloud-trace npm:@google-cloud/trace-agent go:cloud.google.com/go/trace "
	 "go:github.com/googlecloudplatform/opentelemetry-operations-go/exporter/trace"},
	{"Google Cloud Profiler", "Profiling", QT, 0, NULL, "cloud profiler",
	 "npm:@google-cloud/profiler go:cloud.google.com/go/profiler pypi:google-cloud-profiler"},
	{"Google Cloud Build", "CI/CD", QT, 0, NULL, "cloud build",
	 "file:cloudbuild.yaml file:cloudbuild.yml terraform-resource:google_cloudbuild_*"},
	{"Google Dataflow", "Data processing", QP, 0, NULL, "dataflow", "terraform-resource:google_dataflow_*"},
	{"Google Dataproc", "Data processing", QP, 0, NULL, "dataproc", "terraform-resource:google_dataproc_*"},
	{"Google Gemini", "AI", QP, 0, NULL, "gemini|gemini api",
	 "pypi:langchain-google-genai pypi:google-generativeai pypi:google-genai "
	 "npm:@google/generative-ai npm:@google/genai"},
	{"Azure Cache for Redis", "Caching", QP, 0, NULL, "azure redis",
	 "terraform-resource:azurerm_redis_*"},
	{"Azure Database for PostgreSQL", "OLTP", QP, 0, NULL, "azure postgresql",
	 "terraform-resource:azurerm_postgresql_*"},
	{"Azure Database for MySQL", "OLTP", QP, 0, NULL, "azure mysql",
	 "terraform-resource:azurerm_mysql_*"},
	{"Azure SQL Database", "OLTP", QP, 0, NULL, "azure sql",
	 "terraform-resource:azurerm_mssql_* terraform-resource:azurerm_sql_*"},
	{"Azure Cosmos DB", "Document store", QP, 0, NULL, "cosmos db|cosmosdb",
	 "terraform-resource:azurerm_cosmosdb_* nuget:Microsoft.Azure.Cosmos "
	 "npm:@azure/cosmos pypi:azure-cosmos"},
	{"Azure Storage", "Object storage", QP, 0, NULL, "azure blob storage",
	 "terraform-resource:azurerm_storage_* nuget:Azure.Storage.* npm:@azure/storage-blob "
	 "pypi:azure-storage-blob"},
	{"Azure Service Bus", "Messaging", QP, 0, NULL, "service bus",
	 "terraform-resource:azurerm_servicebus_* nuget:Azure.Messaging.ServiceBus "
	 "npm:@azure/service-bus pypi:azure-servicebus"},
	{"Azure Event Hubs", "Messaging", QP, 0, NULL, "event hubs",
	 "terraform-resource:azurerm_eventhub* nuget:Azure.Messaging.EventHubs* "
	 "npm:@azure/event-hubs pypi:azure-eventhub"},
	{"Azure Key Vault", "Security", QP, 0, NULL, "key vault",
	 "terraform-resource:azurerm_key_vault* nuget:Azure.Security.KeyVault.* "
	 "npm:@azure/keyvault-secrets pypi:azure-keyvault-secrets"},
	{"Azure Container Registry", "Containers", QP, 0, NULL, "acr",
	 "terraform-resource:azurerm_container_registry*"},
	{"Azure Container Apps", "Containers", QP, 0, NULL, "container apps",
	 "terraform-resource:azurerm_container_app*"},
	{"Azure App Service", "Hosting", QP, 0, NULL, "app service",
	 "terraform-resource:azurerm_app_service* terraform-resource:azurerm_linux_web_app "
	 "terraform-resource:azurerm_windows_web_app terraform-resource:azurerm_service_plan"},
	{"Azure Monitor", "Metrics", QT, 0, NULL, "application insights|log analytics",
	 "terraform-resource:azurerm_application_insights* terraform-resource:azurerm_log_analytics_* "
	 "terraform-resource:azurerm_monitor_* nuget:Microsoft.ApplicationInsights* "
	 "nuget:Azure.Monitor.*"},
	{"Azure Virtual Network", "Networking", QP, 0, NULL, "azure vnet|vnet",
	 "terraform-resource:azurerm_virtual_network* terraform-resource:azurerm_subnet* "
	 "terraform-resource:azurerm_network_security_group"},
	{"Azure Virtual Machines", "Compute", QP, 0, NULL, "azure vm",
	 "terraform-resource:azurerm_linux_virtual_machine* "
	 "terraform-resource:azurerm_windows_virtual_machine* "
	 "terraform-resource:azurerm_virtual_machine*"},
	{"Azure AI Search", "Search", QP, 0, NULL, "azure cognitive search",
	 "terraform-resource:azurerm_search_service nuget:Azure.Search.Documents"},
	{"Azure OpenAI", "AI", QP, 0, NULL, "azure openai service",
	 "terraform-resource:azurerm_cognitive_* nuget:Azure.AI.OpenAI nuget:Aspire.Azure.AI.OpenAI"},
	{"Azure API Management", "API", QP, 0, NULL, "apim",
	 "terraform-resource:azurerm_api_management*"},
	{"Azure Front Door", "CDN", QP, 0, NULL, "front door",
	 "terraform-resource:azurerm_frontdoor* terraform-resource:azurerm_cdn_*"},
	{"cloud-init", "Provisioning", QT, 0, NULL, "cloudinit", "terraform:cloudinit"},
	{"Packer", "Infrastructure as code", QT, 0, NULL, "hashicorp packer",
	 "ext:.pkr.hcl actions:hashicorp/setup-packer"},
	{"Bottlerocket", "Base image", QP, 0, NULL, "", "file:bottlerocket_user_data.tpl"},
	{"TFLint", "Quality", QT, 0, NULL, "", "file:.tflint.hcl actions:terraform-linters/setup-tflint"},
	{"terraform-docs", "Documentation", QT, 0, NULL, "", "file:.terraform-docs.yml"},
	{"semantic-release", "Delivery", QT, 0, NULL, "",
	 "npm:semantic-release file:.releaserc.json file:.releaserc "
	 "actions:cycjimmy/semantic-release-action"},
	{"MkDocs", "Documentation", QT, 0, NULL, "mkdocs material",
	 "pypi:mkdocs pypi:mkdocs-material file:mkdocs.yml file:mkdocs.yaml"},
	{"FOSSA", "Security", QT, 0, NULL, "", "actions:fossas/fossa-action file:.fossa.yml"},

	/* .NET (NuGet) */
	{".NET Aspire", "Application platform", QP, 0, NULL, "aspire",
	 "nuget:Aspire.* nuget:Aspire.AppHost.Sdk* nuget:CommunityToolkit.Aspire.*"},
	{".NET MAUI", "Mobile framework", QL, 0, NULL, "maui", "nuget:Microsoft.Maui.*"},
	{"Blazor", "Web framework", QL, 0, NULL, "",
	 "ext:.razor nuget:Microsoft.AspNetCore.Components* nuget:Microsoft.NET.Sdk.Razor"},
	{"Entity Framework Core", "ORM", QL, 0, NULL, "ef core|efcore|entity framework",
	 "nuget:Microsoft.EntityFrameworkCore* nuget:EFCore.*"},
	{"YARP", "Networking", QP, 0, NULL, "yet another reverse proxy",
	 "nuget:Yarp.ReverseProxy nuget:Aspire.Hosting.Yarp nuget:Microsoft.Extensions.ServiceDiscovery.Yarp"},
	{"Duende IdentityServer", "Auth", QL, 0, NULL, "identityserver", "nuget:Duende.IdentityServer*"},
	{"Dapper", "ORM", QL, 0, NULL, "", "nuget:Dapper*"},
	{"FluentValidation", "Library", QL, 0, NULL, "", "nuget:FluentValidation*"},
	{"MediatR", "Library", QL, 0, NULL, "", "nuget:MediatR*"},
	{"Scalar", "API", QT, 0, NULL, "", "nuget:Scalar.AspNetCore npm:@scalar/*"},
	{"Newtonsoft.Json", "Library", QL, 0, NULL, "newtonsoft", "nuget:Newtonsoft.Json*"},
	{"Serilog", "Logging", QL, 0, NULL, "", "nuget:Serilog*"},
	{"Polly", "Resilience", QL, 0, NULL, "", "nuget:Polly*"},
	{"AutoMapper", "Library", QL, 0, NULL, "", "nuget:AutoMapper*"},
	{"MassTransit", "Messaging", QL, 0, NULL, "", "nuget:MassTransit*"},
	{"Hangfire", "Jobs", QL, 0, NULL, "", "nuget:Hangfire*"},
	{"SignalR", "Realtime", QL, 0, NULL, "", "nuget:Microsoft.AspNetCore.SignalR* npm:@microsoft/signalr"},
	{"MSTest", "Testing", QT, 0, NULL, "", "nuget:MSTest*"},
	{"xUnit", "Testing", QT, 0, NULL, "xunit.net", "nuget:xunit*"},
	{"NUnit", "Testing", QT, 0, NULL, "", "nuget:NUnit*"},
	{"NSubstitute", "Testing", QT, 0, NULL, "", "nuget:NSubstitute*"},
	{"Moq", "Testing", QT, 0, NULL, "", "nuget:Moq"},
	{"FluentAssertions", "Testing", QT, 0, NULL, "", "nuget:FluentAssertions*"},

	/* The long tail of libraries */
	{"Jinja", "Templating", QL, 0, NULL, "jinja2", "pypi:jinja2"},
	{"Locust", "Testing", QT, 0, NULL, "", "pypi:locust"},
	{"Faker", "Testing", QT, 0, NULL, "", "pypi:faker npm:@faker-js/faker"},
	{"Pillow", "Library", QL, 0, NULL, "pil", "pypi:pillow"},
	{"Requests", "Library", QL, 0, NULL, "python requests", "pypi:requests"},
	{"HTTPX", "Library", QL, 0, NULL, "", "pypi:httpx"},
	{"aiohttp", "Library", QL, 0, NULL, "", "pypi:aiohttp"},
	{"Gradio", "AI", QL, 0, NULL, "", "pypi:gradio"},
	{"LangGraph", "AI", QL, 0, NULL, "", "pypi:langgraph pypi:langgraph-* npm:@langchain/langgraph"},
	{"Model Context Protocol", "AI", QL, 0, NULL, "mcp",
	 "pypi:mcp pypi:fastmcp npm:@modelcontextprotocol/sdk"},
	{"Traceloop", "Observability", QT, 0, NULL, "openllmetry", "pypi:traceloop-sdk npm:@traceloop/*"},
	{"Logrus", "Logging", QL, 0, NULL, "", "go:github.com/sirupsen/logrus"},
	{"Gorilla Mux", "Web framework", QL, 0, NULL, "gorilla/mux", "go:github.com/gorilla/mux"},
	{"Zap", "Logging", QL, 0, NULL, "", "go:go.uber.org/zap"},
	{"Cobra", "Library", QL, 0, NULL, "", "go:github.com/spf13/cobra"},
	{"Pino", "Logging", QL, 0, NULL, "", "npm:pino npm:pino-*"},
	{"Winston", "Logging", QL, 0, NULL, "", "npm:winston"},
	{"TanStack Query", "Library", QL, 0, NULL, "react query", "npm:@tanstack/react-query"},
	{"styled-components", "Library", QL, 0, NULL, "", "npm:styled-components"},
	{"Expo", "Mobile framework", QL, 0, NULL, "", "npm:expo"},
	{"Log4j", "Logging", QL, 0, NULL, "log4j2", "maven:org.apache.logging.log4j:*"},
	{"Jackson", "Library", QL, 0, NULL, "", "maven:com.fasterxml.jackson*"},
	{"Netty", "Library", QL, 0, NULL, "", "maven:io.netty:*"},
	{"SLF4J", "Logging", QL, 0, NULL, "", "maven:org.slf4j:*"},
	{"Logback", "Logging", QL, 0, NULL, "", "maven:ch.qos.logback:*"},
	{"Spring Cloud", "Web framework", QL, 0, NULL, "", "maven:org.springframework.cloud*"},
	{"Micrometer", "Metrics", QL, 0, NULL, "", "maven:io.micrometer*"},
	{"Zipkin", "Tracing", QT, 0, NULL, "", "maven:io.zipkin* docker:openzipkin/zipkin"},
	{"HSQLDB", "OLTP", QP, 0, NULL, "hypersql", "maven:org.hsqldb:*"},
	{"H2 Database", "OLTP", QP, 0, NULL, "h2", "maven:com.h2database:*"},
	{"Slim", "Web framework", QL, 0, NULL, "slim framework", "composer:slim/slim"},
	{"Monolog", "Logging", QL, 0, NULL, "", "composer:monolog/monolog"},
	{"Guzzle", "Library", QL, 0, NULL, "", "composer:guzzlehttp/guzzle"},
	{"Phoenix", "Web framework", QL, 0, NULL, "phoenix framework",
	 "hex:phoenix hex:phoenix_live_view hex:phoenix_html"},
	{"Ecto", "ORM", QL, 0, NULL, "", "hex:ecto hex:ecto_sql"},
	{"Bandit", "Web server", QT, 0, NULL, "bandit (elixir)", "hex:bandit"},
	{"Credo", "Quality", QT, 0, NULL, "", "hex:credo"},
	{"asdf", "Tooling", QT, 0, NULL, "", "file:.tool-versions"},

	/* Techniques the seed names: no package gives them away, but entries
	 * and the model refer to them by these names. */
	{"Microservices", "Architecture style", QQ, 0, NULL, "microservice", ""},
	{"Modular monolith", "Architecture style", QQ, 0, NULL, "monolith", ""},
	{"Serverless", "Compute", QQ, 0, NULL, "faas", ""},
	{"Edge computing", "Edge", QQ, 0, NULL, "edge compute", ""},
	{"Local-first", "Local-First", QQ, 0, NULL, "offline-first|local first", ""},
	{"Event sourcing", "Data", QQ, 0, NULL, "", ""},
	{"CQRS", "Data", QQ, 0, NULL, "", ""},
	{"Transactional outbox", "Data", QQ, 0, NULL, "outbox", ""},
	{"Strangler fig", "Migration", QQ, 0, NULL, "strangler fig migration|strangler", ""},
	{"Architecture decision records", "Governance", QQ, 0, NULL, "adr|adrs", ""},
	{"Infrastructure as code", "Governance", QQ, 0, NULL, "iac", ""},
	{"SLOs with error budgets", "SRE", QQ, 0, NULL, "slo|slos|error budgets", ""},
	{"Distributed tracing", "Observability", QQ, 0, NULL, "tracing", ""},
	{"Structured logging", "Observability", QQ, 0, NULL, "json logs|structured events", ""},
	{"Feature flags", "Delivery", QQ, 0, NULL, "feature toggles", ""},
};

#define NCATALOG (sizeof(catalog) / sizeof(catalog[0]))

const struct ag_tech *ag_catalog(size_t *n)
{
	*n = NCATALOG;
	return catalog;
}

/* Lowercase the key; PyPI names are PEP 503 normalised (runs of '-', '_'
 * and '.' become one '-'). */
static size_t norm_key(enum ag_eco eco, const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		char c = (char)tolower((unsigned char)s[i]);
		if (eco == AG_ECO_PYPI && (c == '-' || c == '_' || c == '.')) {
			if (k && out[k - 1] == '-')
				continue;
			c = '-';
		}
		out[k++] = c;
	}
	out[k] = '\0';
	return k;
}

struct name_ctx {
	const char *want;
};

static bool name_eq(const char *norm, void *arg)
{
	return !strcmp(norm, ((struct name_ctx *)arg)->want);
}

bool ag_tech_names(const struct ag_tech *t, bool (*fn)(const char *norm, void *arg),
		   void *arg)
{
	char buf[256];
	ag_radar_norm(t->name, strlen(t->name), buf, sizeof(buf));
	if (fn(buf, arg))
		return true;
	for (const char *a = t->aliases; *a;) {
		const char *end = strchr(a, '|');
		size_t len = end ? (size_t)(end - a) : strlen(a);
		if (ag_radar_norm(a, len, buf, sizeof(buf)) && fn(buf, arg))
			return true;
		a += len + (end ? 1 : 0);
	}
	return false;
}

const struct ag_tech *ag_catalog_find(const char *name, size_t n)
{
	char want[256];
	if (!ag_radar_norm(name, n, want, sizeof(want)))
		return NULL;
	struct name_ctx ctx = {want};
	for (size_t i = 0; i < NCATALOG; i++)
		if (ag_tech_names(&catalog[i], name_eq, &ctx))
			return &catalog[i];
	return NULL;
}

/* ---- the matcher ---- */

struct ag_matcher_slot {
	const char *key; /* lowercase; NULL when the slot is free */
	size_t len;
	unsigned char eco;
	const struct ag_match_target *target;
};

struct ag_matcher_prefix {
	const char *key;
	size_t len;
	unsigned char eco;
	bool mapping; /* from the radar: wins ties */
	const struct ag_match_target *target;
};

static size_t hash_key(unsigned eco, const char *s, size_t n)
{
	size_t h = 1469598103934665603u ^ eco;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static char *keep_string(struct ag_matcher *m, const char *s, size_t n)
{
	if (m->nstrings == m->salloc) {
		size_t na = m->salloc ? m->salloc * 2 : 64;
		char **v = realloc(m->strings, na * sizeof(*v));
		if (!v)
			return NULL;
		m->strings = v;
		m->salloc = na;
	}
	char *c = malloc(n + 1);
	if (!c)
		return NULL;
	memcpy(c, s, n);
	c[n] = '\0';
	m->strings[m->nstrings++] = c;
	return c;
}

static int grow_slots(struct ag_matcher *m)
{
	size_t nn = m->nslots ? m->nslots * 2 : 4096;
	struct ag_matcher_slot *ns = calloc(nn, sizeof(*ns));
	if (!ns)
		return AG_ENOMEM;
	for (size_t i = 0; i < m->nslots; i++) {
		struct ag_matcher_slot *s = &m->slots[i];
		if (!s->key)
			continue;
		size_t h = hash_key(s->eco, s->key, s->len) & (nn - 1);
		while (ns[h].key)
			h = (h + 1) & (nn - 1);
		ns[h] = *s;
	}
	free(m->slots);
	m->slots = ns;
	m->nslots = nn;
	return 0;
}

static struct ag_matcher_slot *find_slot(const struct ag_matcher *m, unsigned eco,
					 const char *key, size_t n)
{
	if (!m->nslots)
		return NULL;
	size_t h = hash_key(eco, key, n) & (m->nslots - 1);
	for (;;) {
		struct ag_matcher_slot *s = &m->slots[h];
		if (!s->key || (s->eco == eco && s->len == n && !memcmp(s->key, key, n)))
			return s;
		h = (h + 1) & (m->nslots - 1);
	}
}

/* Insert one normalised pattern. `replace`: a radar mapping overrides. */
static int insert(struct ag_matcher *m, unsigned eco, const char *key, size_t n,
		  const struct ag_match_target *t, bool replace)
{
	if (n && key[n - 1] == '*') {
		if (m->npre == m->prealloc) {
			size_t na = m->prealloc ? m->prealloc * 2 : 128;
			struct ag_matcher_prefix *v = realloc(m->pre, na * sizeof(*v));
			if (!v)
				return AG_ENOMEM;
			m->pre = v;
			m->prealloc = na;
		}
		m->pre[m->npre++] = (struct ag_matcher_prefix){key, n - 1, (unsigned char)eco,
							       replace, t};
		return 0;
	}
	if ((m->used + 1) * 2 > m->nslots && grow_slots(m))
		return AG_ENOMEM;
	struct ag_matcher_slot *s = find_slot(m, eco, key, n);
	if (s->key) {
		if (replace)
			s->target = t;
		return 0; /* first catalog claim wins; the tests forbid a second */
	}
	*s = (struct ag_matcher_slot){key, n, (unsigned char)eco, t};
	m->used++;
	return 0;
}

static int pre_cmp(const void *a, const void *b)
{
	const struct ag_matcher_prefix *x = a, *y = b;
	if (x->eco != y->eco)
		return x->eco < y->eco ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1; /* longest first */
	if (x->mapping != y->mapping)
		return x->mapping ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int add_pattern(struct ag_matcher *m, const char *p, size_t n,
		       const struct ag_match_target *t, bool replace)
{
	const char *colon = memchr(p, ':', n);
	if (!colon || ag_pattern_problem(p, n))
		return AG_EINVAL;
	int eco = ag_eco_parse(p, (size_t)(colon - p));
	char buf[512];
	size_t kl = norm_key((enum ag_eco)eco, colon + 1, n - (size_t)(colon - p) - 1, buf,
			     sizeof(buf));
	char *key = keep_string(m, buf, kl);
	if (!key)
		return AG_ENOMEM;
	return insert(m, (unsigned)eco, key, kl, t, replace);
}

static struct ag_match_target *new_target(struct ag_matcher *m)
{
	if (m->ntargets == m->talloc) {
		/* targets are referenced by pointer: allocate in blocks, never move */
		return NULL;
	}
	return &m->targets[m->ntargets++];
}

struct name_ins {
	struct ag_matcher *m;
	const struct ag_match_target *t;
	int rc;
};

static bool name_insert(const char *norm, void *arg)
{
	struct name_ins *ni = arg;
	size_t n = strlen(norm);
	char *key = keep_string(ni->m, norm, n);
	if (!key || insert(ni->m, AG_ECO__COUNT, key, n, ni->t, false)) {
		ni->rc = AG_ENOMEM;
		return true;
	}
	return false;
}

int ag_matcher_init(struct ag_matcher *m)
{
	memset(m, 0, sizeof(*m));
	/* one target per catalog technology plus room for a radar's mappings */
	m->talloc = NCATALOG + 4096;
	m->targets = calloc(m->talloc, sizeof(*m->targets));
	if (!m->targets)
		return AG_ENOMEM;
	if (grow_slots(m))
		return AG_ENOMEM;
	for (size_t i = 0; i < NCATALOG; i++) {
		struct ag_match_target *t = new_target(m);
		t->name = catalog[i].name;
		t->tech = &catalog[i];
		for (const char *p = catalog[i].match; *p;) {
			while (*p == ' ')
				p++;
			size_t len = strcspn(p, " ");
			if (!len)
				break;
			int rc = add_pattern(m, p, len, t, false);
			if (rc == AG_ENOMEM)
				return rc;
			p += len;
		}
	}
	/* names and aliases, in canonical form, under a pseudo-ecosystem */
	for (size_t i = 0; i < NCATALOG; i++) {
		const struct ag_match_target *t = &m->targets[i];
		struct name_ins ni = {m, t, 0};
		ag_tech_names(&catalog[i], name_insert, &ni);
		if (ni.rc)
			return ni.rc;
	}
	qsort(m->pre, m->npre, sizeof(*m->pre), pre_cmp);
	return 0;
}

const struct ag_tech *ag_matcher_find(const struct ag_matcher *m, const char *name, size_t n)
{
	char buf[256];
	size_t kl = ag_radar_norm(name, n, buf, sizeof(buf));
	if (!kl)
		return NULL;
	struct ag_matcher_slot *s = find_slot(m, AG_ECO__COUNT, buf, kl);
	return s && s->key ? s->target->tech : NULL;
}

int ag_matcher_add(struct ag_matcher *m, const char *pattern, size_t plen,
		   const char *name, size_t nlen)
{
	if (ag_pattern_problem(pattern, plen))
		return AG_EINVAL;
	struct ag_match_target *t = new_target(m);
	if (!t)
		return AG_ELIMIT;
	char *nm = keep_string(m, name, nlen);
	if (!nm)
		return AG_ENOMEM;
	t->name = nm;
	t->tech = ag_matcher_find(m, name, nlen);
	if (t->tech)
		t->name = t->tech->name;
	int rc = add_pattern(m, pattern, plen, t, true);
	if (!rc)
		qsort(m->pre, m->npre, sizeof(*m->pre), pre_cmp);
	return rc;
}

const struct ag_match_target *ag_matcher_lookup(const struct ag_matcher *m, enum ag_eco eco,
						const char *key, size_t n)
{
	char buf[512];
	if (!n || n >= sizeof(buf))
		return NULL;
	size_t kl = norm_key(eco, key, n, buf, sizeof(buf));
	struct ag_matcher_slot *s = find_slot(m, (unsigned)eco, buf, kl);
	if (s && s->key)
		return s->target;
	/* prefixes of this ecosystem, longest first */
	size_t lo = 0, hi = m->npre;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->pre[mid].eco < (unsigned)eco)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < m->npre && m->pre[i].eco == (unsigned)eco; i++)
		if (m->pre[i].len <= kl && !memcmp(m->pre[i].key, buf, m->pre[i].len))
			return m->pre[i].target;
	return NULL;
}

void ag_matcher_release(struct ag_matcher *m)
{
	for (size_t i = 0; i < m->nstrings; i++)
		free(m->strings[i]);
	free(m->strings);
	free(m->slots);
	free(m->pre);
	free(m->targets);
	memset(m, 0, sizeof(*m));
}

/* Calls fn on each '|'- or ' '-separated word of list. */
/* The next word of a `sep`-separated list at *p (its length in *len), or
 * NULL at the end; *p moves past it. */
static const char *next_word(const char **p, char sep, size_t *len)
{
	while (**p == sep)
		(*p)++;
	const char *w = *p;
	*len = 0;
	while (w[*len] && w[*len] != sep)
		(*len)++;
	*p += *len;
	return *len ? w : NULL;
}

static int words(struct ag_buf *b, const char *list, char sep)
{
	int rc = 0;
	size_t len;
	bool first = true;
	for (const char *w; !rc && (w = next_word(&list, sep, &len)); first = false)
		rc = ag_buf_printf(b, "%s%.*s", first ? "" : ", ", (int)len, w);
	return rc;
}

static void words_json(struct ag_json *j, const char *list, char sep)
{
	size_t len;
	for (const char *w; (w = next_word(&list, sep, &len));)
		ag_json_strn(j, w, len);
}

/* One technology as JSON; its word lists become arrays of strings. */
static void tech_json(struct ag_json *w, const struct ag_tech *t)
{
	ag_json_inline(w);
	ag_json_begin_object(w);
	ag_json_kv_str(w, "name", t->name);
	ag_json_kv_str(w, "category", t->category);
	ag_json_kv_str(w, "quadrant", t->quadrant);
	ag_json_kv_bool(w, "language", t->flags & AG_TECH_LANGUAGE);
	ag_json_key(w, "aliases");
	ag_json_begin_array(w);
	words_json(w, t->aliases, '|');
	ag_json_end_array(w);
	ag_json_key(w, "match");
	ag_json_begin_array(w);
	words_json(w, t->match, ' ');
	ag_json_end_array(w);
	ag_json_end_object(w);
}

int ag_catalog_report(struct ag_buf *out, const struct ag_tech *only, bool json)
{
	if (json) {
		/* one compact technology a line; "[\n]" when none */
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_INDENT(1) | AG_JSON_BREAK_EMPTY);
		ag_json_begin_array(&w);
		for (size_t i = 0; i < NCATALOG; i++)
			if (!only || &catalog[i] == only)
				tech_json(&w, &catalog[i]);
		ag_json_end_array(&w);
		int rc = ag_json_finish(&w);
		return rc ? rc : ag_buf_addc(out, '\n');
	}
	int rc = 0;
	bool first = true;
	for (size_t i = 0; i < NCATALOG && !rc; i++) {
		const struct ag_tech *t = &catalog[i];
		if (only && t != only)
			continue;
		rc = ag_buf_printf(out, "%s%s  [%s; %s%s]\n", first || only ? "" : "\n",
				   t->name, t->category, t->quadrant,
				   t->flags & AG_TECH_LANGUAGE ? "; a language" : "");
		if (!rc && *t->aliases) {
			rc = ag_buf_adds(out, "    also: ");
			if (!rc)
				rc = words(out, t->aliases, '|');
			if (!rc)
				rc = ag_buf_addc(out, '\n');
		}
		if (!rc && *t->match) {
			rc = ag_buf_adds(out, "    found by: ");
			if (!rc)
				rc = words(out, t->match, ' ');
			if (!rc)
				rc = ag_buf_addc(out, '\n');
		}
		first = false;
	}
	if (!rc && !only)
		rc = ag_buf_printf(out, "\n%zu technologies\n", NCATALOG);
	return rc;
}
