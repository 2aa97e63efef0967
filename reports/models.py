# Region recommendation reports and the recommendation library live here.
