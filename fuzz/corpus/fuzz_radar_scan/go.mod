module example.invalid/shop

go 1.22

require (
	github.com/gin-gonic/gin v1.9.1
	// a comment
	gorm.io/gorm v1.25.0
)

require github.com/stretchr/testify v1.9.0
