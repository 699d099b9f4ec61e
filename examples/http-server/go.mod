module example.com/http-server

go 1.19
